namespace Booking.LocalHost.Tests;

/// <summary>A local host with the default settings: no API key.</summary>
public sealed class RunningHost : HostFixture
{
    protected override void Configure(Dictionary<string, string?> environment)
    {
    }
}
