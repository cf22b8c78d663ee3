using Amazon.DynamoDBv2;
using Booking.Core.Apartments;
using Booking.Core.Configuration;
using Booking.Core.Records;
using Microsoft.Extensions.Options;

using Xunit;

namespace Booking.Testing;

/// <summary>
/// A real dynalite (DynamoDB-compatible) server on a free 127.0.0.1 port, in memory unless made with
/// <see cref="OnDisk"/>, stopped on dispose. Use as an xunit class or collection fixture.
/// </summary>
public sealed class DynaliteProcess : IAsyncLifetime
{
    private readonly string? dataFolder;
    private ChildProcess? process;

    public DynaliteProcess()
    {
    }

    private DynaliteProcess(string dataFolder)
    {
        this.dataFolder = dataFolder;
    }

    /// <summary>The running server's process id, for measurements (CPU time, memory); null when stopped.</summary>
    public int? ProcessId => process?.Id;

    public int Port { get; private set; }

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
        Port = FreePort.Next();
        await StartAsync();
    }

    /// <summary>A server that keeps its tables in a temporary folder, so they survive <see cref="StopAsync"/>; the
    /// folder is deleted on dispose.</summary>
    public static DynaliteProcess OnDisk() => new(Path.Combine(Path.GetTempPath(), "dynalite-" + Guid.NewGuid().ToString("N")));

    /// <summary>Stops the server, as a store outage would. In memory, its data is lost; on disk, it is kept.</summary>
    public async Task StopAsync()
    {
        if (process is not null)
        {
            await process.DisposeAsync();
            process = null;
        }
    }

    /// <summary>Starts the server again on the same port.</summary>
    public async Task StartAsync()
    {
        string[] arguments = ["--host", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--createTableMs", "50"];
        if (dataFolder is not null)
        {
            Directory.CreateDirectory(dataFolder);
            arguments = [.. arguments, "--path", dataFolder];
        }

        process = ChildProcess.Start(RepositoryPaths.NodeBin("dynalite"), arguments);
        await FreePort.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(30), () => process.HasExited);
    }

    /// <summary>Options for the apartment table <paramref name="tableName"/> and its own reservations table beside it.</summary>
    public DynamoDbOptions OptionsFor(string tableName) => new()
    {
        ServiceUrl = ServiceUrl,
        Region = "us-east-1",
        TableName = tableName,
        ReservationsTableName = ReservationsTableFor(tableName),
    };

    /// <summary>The reservations table that goes with the apartment table <paramref name="tableName"/> in tests.</summary>
    public static string ReservationsTableFor(string tableName) => tableName + "-reservations";

    public IAmazonDynamoDB CreateClient() => DynamoDbClientFactory.Create(OptionsFor("unused"));

    /// <summary>A store over a new, empty table (and its reservations table beside it, see <see cref="RecordsOf"/>),
    /// so tests never see each other's apartments or reservations.</summary>
    public async Task<DynamoDbApartmentStore> CreateStoreAsync(string? tableName = null, TimeProvider? clock = null)
    {
        var options = OptionsFor(tableName ?? "t" + Guid.NewGuid().ToString("N"));
        var store = new DynamoDbApartmentStore(DynamoDbClientFactory.Create(options), Options.Create(options), clock ?? TimeProvider.System);
        await Task.WhenAll(store.EnsureTableAsync(), RecordsOf(options.TableName, clock).EnsureTableAsync());
        return store;
    }

    /// <summary>The reservation records that go with the apartment table <paramref name="tableName"/>.</summary>
    public DynamoDbReservationStore RecordsOf(string tableName, TimeProvider? clock = null)
    {
        var options = OptionsFor(tableName);
        return new DynamoDbReservationStore(DynamoDbClientFactory.Create(options), Options.Create(options), clock ?? TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        if (dataFolder is not null && Directory.Exists(dataFolder))
        {
            try
            {
                Directory.Delete(dataFolder, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
        }
    }
}
