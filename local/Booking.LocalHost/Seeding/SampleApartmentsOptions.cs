namespace Booking.LocalHost.Seeding;

/// <summary>Apartments the local host makes sure exist at start-up. Bound from <c>LocalHost</c>.</summary>
public sealed class SampleApartmentsOptions
{
    public const string SectionName = "LocalHost";

    /// <summary>The seed article's apartment first; existing apartments are left as they are.</summary>
    public IList<string> SampleApartments { get; } = ["1234567", "apt-101", "apt-102", "apt-103"];
}
