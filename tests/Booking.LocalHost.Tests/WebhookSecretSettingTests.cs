using Booking.Testing;

namespace Booking.LocalHost.Tests;

/// <summary>The local host runs as Development, as func start does, so its appsettings.json may hold the published
/// webhook secret; run as anything else, it refuses to start with it, naming the setting.</summary>
[Collection(EmulatorsCollection.Name)]
public sealed class WebhookSecretSettingTests(Emulators emulators)
{
    [Fact]
    public async Task Run_as_Production_with_the_published_webhook_secret_the_local_host_stops_at_start_up()
    {
        var environment = emulators.HostEnvironment();
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => LocalHostProcess.StartAsync(environment));

        Assert.Contains("Payments:WebhookSecret is the published local development secret", failure.Message, StringComparison.Ordinal);
        Assert.Contains("this host runs as 'Production'", failure.Message, StringComparison.Ordinal);
    }
}
