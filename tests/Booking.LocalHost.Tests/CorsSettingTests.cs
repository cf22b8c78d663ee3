using Booking.Testing;

namespace Booking.LocalHost.Tests;

/// <summary>An origin a browser could never send stops the local host at start-up, naming the setting.</summary>
[Collection(EmulatorsCollection.Name)]
public sealed class CorsSettingTests(Emulators emulators)
{
    [Theory]
    [InlineData("localhost:3000")]
    [InlineData("http://localhost:3000/app")]
    [InlineData("ftp://localhost")]
    public async Task An_allowed_origin_that_is_not_an_origin_stops_start_up_with_a_message_naming_the_setting(string origin)
    {
        var environment = emulators.HostEnvironment();
        environment["Cors__AllowedOrigins"] = "http://localhost:3000, " + origin;

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => LocalHostProcess.StartAsync(environment));

        Assert.Contains("Cors:AllowedOrigins must list origins", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"'{origin}'", failure.Message, StringComparison.Ordinal);
    }
}
