using System.Diagnostics;
using System.Globalization;
using Booking.Bench.Counting;
using Booking.Bench.Peer;
using Booking.Core;
using Booking.Core.Apartments;
using Booking.Core.Records;
using Booking.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Booking.Bench;

/// <summary>
/// Everything the bench runs, on 127.0.0.1 only: dynalite, an in-memory Azurite, a counting relay set for each system
/// it measures (our local host, the peer, the bench's own raw calls), the local host as a child process and the peer
/// engine in this process. Stopped on dispose, each process by its own handle. The bench itself reads the table and
/// the task hubs straight from the emulators, so watching costs the measured systems nothing.
/// </summary>
internal sealed class BenchStack : IAsyncDisposable
{
    public const string TableName = "BenchApartments";
    public const string TaskHubName = "BenchHub";
    public const string WebhookSecret = "bench-webhook-secret";

    /// <summary>Both engines' control queues: the provider's and the local host's default.</summary>
    public const int PartitionCount = 4;

    private readonly DynaliteServer dynalite = new();
    private readonly AzuriteServer azurite = new() { InMemory = true };
    private ChildProcess? host;
    private ServiceProvider? services;

    public CountedEndpoints Ours { get; private set; } = null!;

    public CountedEndpoints PeerEndpoints { get; private set; } = null!;

    /// <summary>The bench's own calls to the emulators for the floors (raw GetItem, the decision floor), through relays
    /// like the systems' so both sides of a ratio pay the same hop.</summary>
    public CountedEndpoints Raw { get; private set; } = null!;

    public PeerEngine Peer { get; private set; } = null!;

    public HubReader OurHub { get; private set; } = null!;

    public HubReader PeerHub { get; private set; } = null!;

    public DynaliteServer Dynalite => dynalite;

    /// <summary>The apartment table, straight to dynalite.</summary>
    public IApartmentStore Store => services!.GetRequiredService<IApartmentStore>();

    /// <summary>The reservation records, straight to dynalite.</summary>
    public IReservationStore Records => services!.GetRequiredService<IReservationStore>();

    public Uri GraphQLEndpoint { get; private set; } = new("http://127.0.0.1/");

    public Uri WebhookEndpoint { get; private set; } = new("http://127.0.0.1/");

    public string HostOutput => host?.Output ?? string.Empty;

    public async Task StartAsync(string hostDll)
    {
        await Task.WhenAll(dynalite.InitializeAsync(), azurite.InitializeAsync());
        Ours = new CountedEndpoints(azurite, dynalite, TaskHubName);
        PeerEndpoints = new CountedEndpoints(azurite, dynalite, PeerEngine.TaskHubName);
        Raw = new CountedEndpoints(azurite, dynalite, "bench");

        var direct = new Dictionary<string, string?>
        {
            ["DynamoDb:ServiceUrl"] = dynalite.ServiceUrl,
            ["DynamoDb:TableName"] = TableName,
        };
        var collection = new ServiceCollection();
        collection.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        collection.AddBookingCore(new ConfigurationBuilder().AddInMemoryCollection(direct).Build());
        services = collection.BuildServiceProvider();
        await services.EnsureBookingTablesAsync();

        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        GraphQLEndpoint = new Uri($"http://127.0.0.1:{port}/api/graphql");
        WebhookEndpoint = new Uri($"http://127.0.0.1:{port}/api/payments/webhook");

        // The sweeper and the history purge run on their schedules, whatever reservations do; they are moved out of
        // the run (half a day ahead) so their reads are not counted against reservations.
        var sweep = DateTime.UtcNow.AddHours(12);
        var settings = new Dictionary<string, string?>
        {
            ["DynamoDb__ServiceUrl"] = Ours.DynamoDbServiceUrl,
            ["DynamoDb__Region"] = "us-east-1",
            ["DynamoDb__TableName"] = TableName,
            ["AzureWebJobsStorage"] = Ours.StorageConnectionString,
            ["TaskHubName"] = TaskHubName,
            ["Engine__PartitionCount"] = PartitionCount.ToString(CultureInfo.InvariantCulture),
            ["Payments__WebhookSecret"] = WebhookSecret,
            ["Reservation__SweepSchedule"] = string.Create(CultureInfo.InvariantCulture, $"0 {sweep.Minute} {sweep.Hour} * * *"),
            // Every bench client calls from 127.0.0.1: the per-client limits would stop the load, so they are off.
            ["Reservation__MaxActiveHoldsPerClient"] = "0",
            ["Reservation__MaxReservationsPerClientPerMinute"] = "0",
            ["Reservation__HistoryPurgeSchedule"] = string.Create(CultureInfo.InvariantCulture, $"0 {sweep.Minute} {sweep.Hour} * * *"),
            ["AWS_ACCESS_KEY_ID"] = "local",
            ["AWS_SECRET_ACCESS_KEY"] = "local",

            // Information-level logging of every orchestration step would be measured along with the engine.
            ["Logging__LogLevel__Default"] = "Warning",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        host = ChildProcess.Start("dotnet", [hostDll, "--urls", $"http://127.0.0.1:{port}"], settings, keptLines: 2000);

        Peer = new PeerEngine(PeerEndpoints.StorageConnectionString, PeerEndpoints.DynamoDbServiceUrl, TableName, PartitionCount);
        await Peer.StartAsync(CancellationToken.None);
        await FreePort.WaitUntilListeningAsync(int.Parse(port, CultureInfo.InvariantCulture), TimeSpan.FromMinutes(2), () => host.HasExited);
        OurHub = new HubReader(azurite.ConnectionString, TaskHubName);
        PeerHub = new HubReader(azurite.ConnectionString, PeerEngine.TaskHubName);
    }

    /// <summary>CPU seconds used so far by the host, Azurite, dynalite and the bench (relays, peer, load).</summary>
    public CpuSample Cpu() => new(
        CpuTime.SecondsOf(host?.Id),
        CpuTime.SecondsOf(azurite.ProcessId),
        CpuTime.SecondsOf(dynalite.ProcessId),
        Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        foreach (var disposable in new IAsyncDisposable?[] { Peer, OurHub, PeerHub, services, Ours, PeerEndpoints, Raw })
        {
            if (disposable is not null)
            {
                await disposable.DisposeAsync();
            }
        }

        await azurite.DisposeAsync();
        await dynalite.DisposeAsync();
    }
}
