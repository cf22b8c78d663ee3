using System.Diagnostics;
using System.Globalization;
using System.Net;
using Booking.Bench.Counting;
using Booking.Bench.Peer;
using Booking.Bench.PeerApp.Seed;
using Booking.Core;
using Booking.Core.Apartments;
using Booking.Core.Configuration;
using Booking.Core.Records;
using Booking.Testing;
using Booking.Testing.Hosts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Booking.Bench;

/// <summary>
/// Everything the bench runs, on 127.0.0.1 only: dynalite, an in-memory Azurite, a counting relay set for each system
/// it measures (ours, the peer, the bench's own raw calls), and the two systems. Under a Functions host (found as the
/// tests find it) those are our Function App's build output and the peer Function App, each under its own host
/// process with the same host.json; without one, the local stand-in host as a child process and the peer on the
/// stand-in engine in this process. Stopped on dispose, each process by its own handle. The bench reads the table and
/// the task hubs straight from the emulators, so watching costs the measured systems nothing.
/// </summary>
internal sealed class BenchStack : IAsyncDisposable
{
    public const string TableName = "BenchApartments";
    public const string ReservationsTableName = "BenchReservations";
    public const string TaskHubName = "BenchHub";
    public const string PeerTaskHubName = "PeerHub";
    public const string WebhookSecret = "bench-webhook-secret";

    /// <summary>The stand-in engines' control queues: host.json's partition count, which both Function Apps use.</summary>
    public const int PartitionCount = 4;

    private readonly DynaliteProcess dynalite = new();
    private readonly AzuriteProcess azurite = new() { InMemory = true };
    private readonly HttpClient http;
    private ChildProcess? localHost;
    private FunctionAppProcess? ourApp;
    private FunctionAppProcess? peerApp;
    private PeerEngine? peerEngine;
    private ServiceProvider? services;

    public BenchStack(HttpClient http) => this.http = http;

    public HostKind Kind { get; private set; }

    /// <summary>What ran the systems, for the table.</summary>
    public string HostDescription { get; private set; } = string.Empty;

    public CountedEndpoints Ours { get; private set; } = null!;

    public CountedEndpoints PeerEndpoints { get; private set; } = null!;

    /// <summary>The bench's own calls to the emulators for the floors (the decision floor, the thin GetItem endpoint),
    /// through relays like the systems' so both sides of a ratio pay the same hop.</summary>
    public CountedEndpoints Raw { get; private set; } = null!;

    public IPeerStarter Peer { get; private set; } = null!;

    /// <summary>The seed's DynamoDB calls through the peer's relay: how the bench, as the client's payment, writes
    /// <c>paid</c> during the wait (the seed has no payment step of its own).</summary>
    public SeedApartments PeerApartments { get; private set; } = null!;

    public HubReader OurHub { get; private set; } = null!;

    public HubReader PeerHub { get; private set; } = null!;

    /// <summary>The apartment table, straight to dynalite.</summary>
    public IApartmentStore Store => services!.GetRequiredService<IApartmentStore>();

    /// <summary>The reservation records, straight to dynalite.</summary>
    public IReservationStore Records => services!.GetRequiredService<IReservationStore>();

    public Uri GraphQLEndpoint { get; private set; } = new("http://127.0.0.1/");

    public Uri WebhookEndpoint { get; private set; } = new("http://127.0.0.1/");

    public string HostOutput => ourApp?.Output ?? localHost?.Output ?? string.Empty;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(dynalite.InitializeAsync(), azurite.InitializeAsync());
        Ours = new CountedEndpoints(azurite, dynalite, TaskHubName);
        PeerEndpoints = new CountedEndpoints(azurite, dynalite, PeerTaskHubName);
        Raw = new CountedEndpoints(azurite, dynalite, "bench");

        var direct = new Dictionary<string, string?>
        {
            ["DynamoDb:ServiceUrl"] = dynalite.ServiceUrl,
            ["DynamoDb:TableName"] = TableName,
            ["DynamoDb:ReservationsTableName"] = ReservationsTableName,
        };
        var collection = new ServiceCollection();
        collection.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        collection.AddBookingCore(new ConfigurationBuilder().AddInMemoryCollection(direct).Build());
        services = collection.BuildServiceProvider();
        await services.EnsureBookingTablesAsync(cancellationToken);
        PeerApartments = new SeedApartments(DynamoDbClientFactory.Create(Options(PeerEndpoints.DynamoDbServiceUrl)), TableName);

        if (FunctionsHostCommand.Current is { } command)
        {
            Kind = HostKind.FunctionsHost;
            HostDescription = command.Description;
            await StartFunctionAppsAsync(command, cancellationToken);
        }
        else
        {
            Kind = HostKind.Local;
            HostDescription = "the local stand-in (" + FunctionsHostCommand.NotFoundReason + ")";
            await StartStandInAsync();
        }

        OurHub = new HubReader(azurite.ConnectionString, TaskHubName);
        PeerHub = new HubReader(azurite.ConnectionString, PeerTaskHubName);
    }

    public static DynamoDbOptions Options(string serviceUrl) => new() { ServiceUrl = serviceUrl, Region = "us-east-1", TableName = TableName };

    /// <summary>CPU seconds used so far by our host (with its worker), the peer's host, Azurite, dynalite and the
    /// bench (relays, load, the thin endpoint, and the peer when it runs on the stand-in engine).</summary>
    public CpuSample Cpu() => new(
        CpuTime.SecondsOfTree(ourApp?.ProcessId ?? localHost?.Id),
        CpuTime.SecondsOfTree(peerApp?.ProcessId),
        CpuTime.SecondsOf(azurite.ProcessId),
        CpuTime.SecondsOf(dynalite.ProcessId),
        Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);

    public async ValueTask DisposeAsync()
    {
        foreach (var disposable in new IAsyncDisposable?[] { localHost, ourApp, peerApp, peerEngine, OurHub, PeerHub, services, Ours, PeerEndpoints, Raw })
        {
            if (disposable is not null)
            {
                await disposable.DisposeAsync();
            }
        }

        await azurite.DisposeAsync();
        await dynalite.DisposeAsync();
    }

    /// <summary>Both systems' settings that differ only by their relays and task hub. The sweeper and the history purge
    /// run on their schedules, whatever reservations do; they are moved out of the run (half a day ahead) so their
    /// reads are not counted against reservations.</summary>
    private static Dictionary<string, string?> Settings(CountedEndpoints endpoints, string taskHubName)
    {
        var later = DateTime.UtcNow.AddHours(12);
        var schedule = string.Create(CultureInfo.InvariantCulture, $"0 {later.Minute} {later.Hour} * * *");
        return new()
        {
            ["AzureWebJobsStorage"] = endpoints.StorageConnectionString,
            ["TaskHubName"] = taskHubName,
            ["DynamoDb__ServiceUrl"] = endpoints.DynamoDbServiceUrl,
            ["DynamoDb__Region"] = "us-east-1",
            ["DynamoDb__TableName"] = TableName,
            ["DynamoDb__ReservationsTableName"] = ReservationsTableName,
            ["Payments__WebhookSecret"] = WebhookSecret,
            ["Reservation__SweepSchedule"] = schedule,
            ["Reservation__HistoryPurgeSchedule"] = schedule,

            // Every bench client calls from 127.0.0.1: the per-client limits would stop the load, so they are off.
            ["Reservation__MaxActiveHoldsPerClient"] = "0",
            ["Reservation__MaxReservationsPerClientPerMinute"] = "0",
            ["AWS_ACCESS_KEY_ID"] = "local",
            ["AWS_SECRET_ACCESS_KEY"] = "local",
        };
    }

    private async Task StartFunctionAppsAsync(FunctionsHostCommand command, CancellationToken cancellationToken)
    {
        // One after the other: two Functions hosts starting at the same moment were seen to leave one never answering.
        ourApp = await FunctionAppProcess.StartAsync(
            command, BuiltApps.FunctionApp, Settings(Ours, TaskHubName), (HttpMethod.Post, "graphql", """{"query":"{ __typename }"}"""), HttpStatusCode.OK, cancellationToken);
        peerApp = await FunctionAppProcess.StartAsync(
            command, BuiltApps.PeerApp, Settings(PeerEndpoints, PeerTaskHubName), (HttpMethod.Post, "start", "{}"), HttpStatusCode.BadRequest, cancellationToken);

        GraphQLEndpoint = new Uri(ourApp.BaseAddress, "graphql");
        WebhookEndpoint = new Uri(ourApp.BaseAddress, "payments/webhook");
        Peer = new PeerAppStarter(http, peerApp.BaseAddress);
    }

    private async Task StartStandInAsync()
    {
        var port = FreePort.Next();
        var baseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/api/");
        GraphQLEndpoint = new Uri(baseAddress, "graphql");
        WebhookEndpoint = new Uri(baseAddress, "payments/webhook");
        var settings = Settings(Ours, TaskHubName);
        settings["Engine__PartitionCount"] = PartitionCount.ToString(CultureInfo.InvariantCulture);

        // Information-level logging of every orchestration step would be measured along with the engine.
        settings["Logging__LogLevel__Default"] = "Warning";
        settings["ASPNETCORE_ENVIRONMENT"] = "Production";
        localHost = ChildProcess.Start("dotnet", [BuiltApps.LocalHost, "--urls", $"http://127.0.0.1:{port}"], settings, keptLines: 2000);

        peerEngine = new PeerEngine(PeerEndpoints.StorageConnectionString, PeerEndpoints.DynamoDbServiceUrl, TableName, PartitionCount);
        await peerEngine.StartAsync(CancellationToken.None);
        Peer = peerEngine;
        await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromMinutes(2), () => localHost.HasExited);
    }
}
