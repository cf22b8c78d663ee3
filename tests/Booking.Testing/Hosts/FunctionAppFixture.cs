using Booking.Core.Apartments;
using Xunit;

namespace Booking.Testing.Hosts;

/// <summary>
/// The Function App under a real Functions host, on emulators of its own, shared by the tests of one class. The
/// table is created and the sample apartments added first, as <c>./run.sh --emulators-only</c> does before a user's
/// <c>func start</c>. Subclasses choose further settings.
/// </summary>
public abstract class FunctionAppFixture : IBookingHostFixture, IAsyncLifetime
{
    private Emulators emulators = null!;

    public FunctionsHostProcess Host { get; private set; } = null!;

    IBookingHost IBookingHostFixture.Host => Host;

    public DynamoDbApartmentStore Table { get; private set; } = null!;

    public DynaliteProcess Dynalite => emulators.Dynalite;

    public AzuriteProcess Azurite => emulators.Azurite;

    public string TableName { get; private set; } = null!;

    public string TaskHubName { get; private set; } = null!;

    /// <summary>Azurite's log of every request it served; null unless <see cref="LogStorageRequests"/>.</summary>
    public string? StorageRequestLog { get; private set; }

    /// <summary>Require function keys, as in Azure.</summary>
    protected virtual bool EnforceKeys => false;

    /// <summary>Have Azurite log every request, so tests can count the host's storage transactions.</summary>
    protected virtual bool LogStorageRequests => false;

    public async Task InitializeAsync()
    {
        StorageRequestLog = LogStorageRequests ? Path.Combine(Path.GetTempPath(), "azurite-requests-" + Guid.NewGuid().ToString("N") + ".log") : null;
        emulators = new Emulators { Azurite = new AzuriteProcess { DebugLogPath = StorageRequestLog } };
        await emulators.InitializeAsync();
        var environment = emulators.HostEnvironment();
        Configure(environment);
        TableName = environment["DynamoDb__TableName"]!;
        TaskHubName = environment["TaskHubName"]!;
        Table = await Emulators.TableOf(environment, emulators.Dynalite);
        foreach (var sample in new[] { "1234567", "apt-101", "apt-102", "apt-103" })
        {
            await Table.AddAsync(sample);
        }
        Host = await FunctionsHostProcess.StartAsync(environment, EnforceKeys);
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        await emulators.DisposeAsync();
        if (StorageRequestLog is not null)
        {
            File.Delete(StorageRequestLog);
        }
    }

    /// <summary>Adds to or changes the host's environment before it starts.</summary>
    protected abstract void Configure(Dictionary<string, string?> environment);
}
