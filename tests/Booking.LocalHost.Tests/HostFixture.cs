using Booking.Core.Apartments;
using Booking.Testing;

namespace Booking.LocalHost.Tests;

/// <summary>A local host on emulators of its own, shared by the tests of one class; each test uses apartments and
/// reservation ids of its own. Subclasses choose the host's settings.</summary>
public abstract class HostFixture : IBookingHostFixture, IAsyncLifetime
{
    private readonly Emulators emulators = new();

    public LocalHostProcess Host { get; private set; } = null!;

    IBookingHost IBookingHostFixture.Host => Host;

    public DynaliteProcess Dynalite => emulators.Dynalite;

    public string TableName { get; private set; } = null!;

    /// <summary>The environment the host was started with: its emulators, task hub and settings.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; private set; } = null!;

    /// <summary>The host's apartment table, read directly.</summary>
    public DynamoDbApartmentStore Table { get; private set; } = null!;

    /// <summary>Output lines the host keeps; more when tests search all of it.</summary>
    protected virtual int KeptLines => ChildProcess.DefaultKeptLines;

    public async Task InitializeAsync()
    {
        await emulators.InitializeAsync();
        var environment = emulators.HostEnvironment();
        Configure(environment);
        TableName = environment["DynamoDb__TableName"]!;
        Settings = environment;
        Host = await LocalHostProcess.StartAsync(environment, KeptLines);
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

    /// <summary>Adds to or changes the host's environment before it starts.</summary>
    protected abstract void Configure(Dictionary<string, string?> environment);
}
