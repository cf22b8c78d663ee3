namespace Booking.Api.Tests;

/// <summary>The metrics tests run alone: the booking meter is one per process, so another class's reservations would
/// add to the totals they read.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metrics";
}
