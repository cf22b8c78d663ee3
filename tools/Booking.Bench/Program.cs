using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Booking.Bench;

// The benchmark run by ./bench.sh. Usage: Booking.Bench [--smoke] [--seconds N] [--commit C]. Everything runs on
// 127.0.0.1; every process it starts is stopped before it exits. It prints a table, and last one JSON line whose keys
// docs/benchmark.md documents.
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var smoke = args.Contains("--smoke");
var sizes = smoke
    ? (Cost: 1, InFlight: 8, Overlapping: new[] { Ending.Expired }, Idle: TimeSpan.FromSeconds(3), Latency: 5, ApiRound: TimeSpan.FromSeconds(0.5), Throughput: TimeSpan.FromSeconds(3), ListFew: 50, ListSamples: 10, Sale: 100, SaleApartments: 10)
    : (Cost: 8, InFlight: 32, Overlapping: Enum.GetValues<Ending>(), Idle: TimeSpan.FromSeconds(15), Latency: 100, ApiRound: TimeSpan.FromSeconds(3), Throughput: TimeSpan.FromSeconds(30), ListFew: 100, ListSamples: 50, Sale: 2000, SaleApartments: 100);
const int Concurrency = 32;
const int SaleClients = 64;
const int WindowSeconds = 2;
var budget = TimeSpan.FromSeconds(double.Parse(Option("--seconds") ?? (smoke ? "90" : "420"), CultureInfo.InvariantCulture));
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
var figures = new Figures { Commit = Option("--commit") ?? "unknown", Smoke = smoke, InFlight = sizes.InFlight };

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = SaleClients * 2, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    Timeout = TimeSpan.FromSeconds(60),
};
await using var stack = new BenchStack(http);

try
{
    var token = overall.Token;
    Say("starting dynalite, Azurite (in memory), the counting relays, our app and the peer on 127.0.0.1");
    await stack.StartAsync(token);
    (figures.Host, figures.HostDescription) = (stack.Kind, stack.HostDescription);
    Say("both systems run under " + stack.HostDescription);
    var api = new ReservationApi(http, stack.GraphQLEndpoint, stack.WebhookEndpoint, BenchStack.WebhookSecret);

    var costs = new LifecycleCosts(stack, api, WindowSeconds);
    Say("warm-up: a reservation on each system (JIT, connections, task hubs), not counted");
    await costs.WarmUpAsync(token);

    Say($"idle: both systems' storage requests for {sizes.Idle.TotalSeconds:F0} s");
    await costs.MeasureIdleAsync(sizes.Idle, token);
    figures.OurIdlePerSecond = costs.OurIdlePerSecond;
    figures.PeerIdlePerSecond = costs.PeerIdlePerSecond;

    foreach (var (overlapping, endings, ours, peer) in new[] { (false, Enum.GetValues<Ending>(), figures.Ours, figures.Peer), (true, sizes.Overlapping, figures.OursOverlapping, figures.PeerOverlapping) })
    {
        foreach (var ending in endings)
        {
            var (count, how) = overlapping ? (sizes.InFlight, "all at once") : (sizes.Cost, "one at a time");
            Say($"storage and DynamoDB requests: {count} reservations ending {ending}, {how}, ours then (where the seed has it) the peer's");
            var (ourCost, peerCost) = await costs.MeasureAsync(ending, count, overlapping, token);
            ours[ending] = ourCost;
            if (peerCost is not null)
            {
                peer[ending] = peerCost;
            }
        }
    }

    Say($"decision latency: {sizes.Latency} reservations one at a time, each after a floor sample; their windows give the lateness");
    figures.Latency = new DecisionLatency(stack, api, WindowSeconds);
    await figures.Latency.RunAsync(sizes.Latency, token);

    Say($"API overhead: apartment(id) over GraphQL against a thin GetItem endpoint, {Concurrency} in flight, {sizes.ApiRound.TotalSeconds:F1} s rounds");
    figures.Api = new ApiOverhead(stack, api, http, Concurrency);
    await figures.Api.RunAsync(Enumerable.Range(0, sizes.Latency).Select(i => $"a-lat-{i:D4}").ToList(), sizes.ApiRound, rounds: 2, token);

    Say($"list page: reservations(apartmentId, first: 10) with {sizes.ListFew} reservations, then with {sizes.ListFew * 20}");
    figures.ListPage = new ListPageTime(stack, api);
    await figures.ListPage.RunAsync(sizes.ListFew, sizes.ListFew * 20, sizes.ListSamples, token);

    Say($"flash sale: {sizes.Sale} reserve requests for {sizes.SaleApartments} apartments from {SaleClients} clients");
    figures.FlashSale = new FlashSale(stack, api, SaleClients);
    await figures.FlashSale.RunAsync(sizes.Sale, sizes.SaleApartments, token);

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
    Console.Error.WriteLine("last output of our host:");
    Console.Error.WriteLine(stack.HostOutput);
    return 2;
}

figures.Seconds = run.Elapsed.TotalSeconds;
Report.Table(figures, Console.Out);
Console.WriteLine(Report.Json(figures).ToJsonString());
return overall.IsCancellationRequested ? 3 : figures.Lost == 0 ? 0 : 1;
