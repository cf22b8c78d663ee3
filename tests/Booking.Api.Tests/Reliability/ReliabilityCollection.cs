namespace Booking.Api.Tests.Reliability;

/// <summary>
/// A server of its own for the reliability tests: the corpus compares the whole table before and after each request,
/// and the races start hundreds of workflows, so neither may share a table or a durable host with other tests.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReliabilityCollection : ICollectionFixture<ReliabilityFixture>
{
    public const string Name = "reliability";
}
