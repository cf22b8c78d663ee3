using Booking.Core.Apartments;

namespace Booking.LocalHost.Tests;

/// <summary>A local host with default settings on emulators of its own, shared by the tests of one class; each
/// test uses apartments and reservation ids of its own.</summary>
public sealed class RunningHost : IAsyncLifetime
{
    private readonly Emulators emulators = new();

    public LocalHostProcess Host { get; private set; } = null!;

    /// <summary>The host's apartment table, read directly.</summary>
    public DynamoDbApartmentStore Table { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await emulators.InitializeAsync();
        var environment = emulators.HostEnvironment();
        Host = await LocalHostProcess.StartAsync(environment);
        Table = await Emulators.TableOf(environment, emulators.Dynalite);
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        await emulators.DisposeAsync();
    }
}
