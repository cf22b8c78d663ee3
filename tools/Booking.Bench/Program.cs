using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Booking.Bench;

// The benchmark run by ./bench.sh. Usage: Booking.Bench <Booking.LocalHost.dll> [--smoke] [--seconds N] [--commit C].
// Everything runs on 127.0.0.1; every process it starts is stopped before it exits. It prints a table, and last one
// JSON line whose keys docs/benchmark.md documents.
var hostDll = args.FirstOrDefault(a => a.EndsWith(".dll", StringComparison.Ordinal))
    ?? throw new ArgumentException("usage: Booking.Bench <Booking.LocalHost.dll> [--smoke] [--seconds N] [--commit C]");
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var smoke = args.Contains("--smoke");
var sizes = smoke
    ? (Cost: 1, Idle: TimeSpan.FromSeconds(5), Latency: 8, ApiRound: TimeSpan.FromSeconds(1), Throughput: TimeSpan.FromSeconds(6), ListFew: 50, ListSamples: 10)
    : (Cost: 8, Idle: TimeSpan.FromSeconds(10), Latency: 100, ApiRound: TimeSpan.FromSeconds(3), Throughput: TimeSpan.FromSeconds(60), ListFew: 100, ListSamples: 50);
const int Concurrency = 32;
const int WindowSeconds = 2;
var budget = TimeSpan.FromSeconds(double.Parse(Option("--seconds") ?? (smoke ? "90" : "270"), CultureInfo.InvariantCulture));
using var overall = new CancellationTokenSource(budget);

// Ctrl+C or timeout(1): stop the scenarios, then fall through to stopping every process the bench started.
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
void Interrupt(PosixSignalContext context)
{
    context.Cancel = true;
    overall.Cancel();
}

var run = Stopwatch.StartNew();
void Say(string text) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{run.Elapsed:mm\\:ss}] {text}"));
var figures = new Figures { Commit = Option("--commit") ?? "unknown", Smoke = smoke };

await using var stack = new BenchStack();
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency * 2, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    Timeout = TimeSpan.FromSeconds(60),
};

try
{
    Say("starting dynalite, Azurite (in memory), the counting relays, the local host and the peer engine on 127.0.0.1");
    await stack.StartAsync(hostDll);
    var api = new ReservationApi(http, stack.GraphQLEndpoint, stack.WebhookEndpoint, BenchStack.WebhookSecret);
    var token = overall.Token;

    var costs = new LifecycleCosts(stack, api, WindowSeconds);
    Say("warm-up: a reservation on each system (JIT, connections, task hubs), not counted");
    await costs.WarmUpAsync(token);

    Say($"idle: both systems' storage requests for {sizes.Idle.TotalSeconds:F0} s");
    await costs.MeasureIdleAsync(sizes.Idle, token);
    figures.OurIdlePerSecond = costs.OurIdlePerSecond;
    figures.PeerIdlePerSecond = costs.PeerIdlePerSecond;

    foreach (var ending in Enum.GetValues<Ending>())
    {
        Say($"storage and DynamoDB requests: {sizes.Cost} reservations ending {ending}, one at a time, ours then (where the seed has it) the peer's");
        var (ours, peer) = await costs.MeasureAsync(ending, sizes.Cost, token);
        figures.Ours[ending] = ours;
        if (peer is not null)
        {
            figures.Peer[ending] = peer;
        }
    }

    Say($"decision latency: {sizes.Latency} reservations one at a time, each after a floor sample; their timers give the lateness");
    figures.Latency = new DecisionLatency(stack, api, WindowSeconds);
    await figures.Latency.RunAsync(sizes.Latency, token);

    Say($"API overhead: apartment(id) over GraphQL against raw GetItem, {Concurrency} in flight, {sizes.ApiRound.TotalSeconds:F0} s rounds");
    figures.Api = new ApiOverhead(stack, api, Concurrency);
    await figures.Api.RunAsync(Enumerable.Range(0, sizes.Latency).Select(i => $"a-lat-{i:D4}").ToList(), sizes.ApiRound, rounds: 2, token);

    Say($"list page: reservations(apartmentId, first: 10) with {sizes.ListFew} reservations, then with {sizes.ListFew * 20}");
    figures.ListPage = new ListPageTime(stack, api);
    await figures.ListPage.RunAsync(sizes.ListFew, sizes.ListFew * 20, sizes.ListSamples, token);

    Say($"throughput: lifecycles with {Concurrency} in flight for {sizes.Throughput.TotalSeconds:F0} s");
    figures.Throughput = new Throughput(stack, api, Concurrency, WindowSeconds);
    await figures.Throughput.RunAsync(sizes.Throughput, token);
}
catch (OperationCanceledException)
{
    Say("out of time: the figures not measured are null");
}
catch (Exception error)
{
    Console.Error.WriteLine($"bench failed: {error}");
    Console.Error.WriteLine("last output of the local host:");
    Console.Error.WriteLine(stack.HostOutput);
    return 2;
}

figures.Seconds = run.Elapsed.TotalSeconds;
Report.Table(figures, Console.Out);
Console.WriteLine(Report.Json(figures).ToJsonString());
return overall.IsCancellationRequested ? 3 : figures.Lost == 0 ? 0 : 1;
