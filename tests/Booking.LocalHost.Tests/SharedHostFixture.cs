using Booking.Testing.Contracts;

namespace Booking.LocalHost.Tests;

/// <summary>A local host with the default settings (no API key) and those the shared host tests need.</summary>
public sealed class SharedHostFixture : HostFixture
{
    protected override void Configure(Dictionary<string, string?> environment) => BookingHostContract.Configure(environment);
}
