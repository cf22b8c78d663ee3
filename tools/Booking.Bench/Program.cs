using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Booking.Bench;

// The benchmark. Usage: Booking.Bench <path of Booking.LocalHost.dll> [--smoke]. Everything runs on 127.0.0.1;
// every process it starts is stopped before it exits. Scenario sizes and the hold window adapt to the measured rate so
// the run stays inside its time budget; figures are reported as measured.
var hostDll = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal))
    ?? throw new ArgumentException("usage: Booking.Bench <Booking.LocalHost.dll> [--smoke]");
var smoke = args.Contains("--smoke");
const int Concurrency = 32;
var sizes = smoke
    ? (Latency: 20, Throughput: 100, Lateness: 100, Hold: 200)
    : (Latency: 200, Throughput: 2000, Lateness: 1000, Hold: 10_000);
var budget = smoke ? TimeSpan.FromMinutes(5) : TimeSpan.FromMinutes(15);
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

await using var stack = new BenchStack();
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    Timeout = TimeSpan.FromSeconds(60),
};

try
{
    // Store-bound limit, before anything else runs: raw conditional UpdateItem rate at the same concurrency. (Measured
    // just after Azurite's processes and the host had started, it read 209/s instead of ~1,000/s.)
    Say("starting dynalite on 127.0.0.1");
    await stack.StartStoreAsync();
    using var dynamoDb = stack.Dynalite.CreateClient();
    var storeOpsPerSecond = await RawStoreRate.MeasureAsync(dynamoDb, Concurrency, TimeSpan.FromSeconds(smoke ? 2 : 5), overall.Token);

    Say("starting Azurite (in memory) and the local host on 127.0.0.1");
    await stack.StartAsync(hostDll);
    var api = new ReservationApi(http, stack.GraphQLEndpoint);
    var batches = new List<Batch>();

    // An EXPIRED lifecycle's store operations: the conditional hold and the conditional release (UpdateItem each); the
    // release also answers "has the client paid?", so there is no read at the deadline. See ReservationOrchestrator.
    const int StoreOpsPerReservation = 2;
    var storeBound = storeOpsPerSecond / StoreOpsPerReservation;
    Say(string.Create(CultureInfo.InvariantCulture, $"raw store rate {storeOpsPerSecond:F0} UpdateItem/s at {Concurrency} in flight -> store-bound {storeBound:F0} reservations/s"));

    async Task<Batch> NewBatchAsync(string name, int count, int concurrency)
    {
        var batch = new Batch(stack, api, name, count, concurrency);
        await batch.SeedAsync(overall.Token);
        batches.Add(batch);
        return batch;
    }

    // Warm-up (JIT, connections, task hub), not measured.
    var warmup = await NewBatchAsync("warm", 20, 4);
    await warmup.StartAsync(() => 1, overall.Token);

    // (b) start latency under light load: one reservation at a time.
    var latency = await NewBatchAsync("lat", sizes.Latency, 1);
    Say($"(b) start latency: {latency.Count} reservations one at a time");
    using (var slice = CancellationTokenSource.CreateLinkedTokenSource(overall.Token))
    {
        // Enough calls for a p99; on a slow machine the rest of the budget belongs to the other scenarios.
        slice.CancelAfter(budget / 15);
        await latency.StartAsync(() => 2, slice.Token);
    }

    await warmup.AwaitEndAsync(overall.Token);
    await latency.AwaitEndAsync(overall.Token);
    var startTimes = latency.Answers.Select(a => a.Elapsed.TotalMilliseconds).ToList();
    var undecided = latency.Answers.Count(a => !a.Held);

    // (a) throughput: complete lifecycles per second with a short window.
    var throughput = await NewBatchAsync("thr", sizes.Throughput, Concurrency);
    Say($"(a) throughput: {throughput.Count} reservations, {Concurrency} at a time, 2 s window");
    var cpuBefore = stack.Cpu();
    var began = DateTimeOffset.UtcNow;
    var startClock = Stopwatch.StartNew();
    await throughput.StartAsync(() => 2, overall.Token);
    var startRate = throughput.Count / startClock.Elapsed.TotalSeconds;
    Say(string.Create(CultureInfo.InvariantCulture, $"    started in {startClock.Elapsed.TotalSeconds:F1} s ({startRate:F1}/s)"));
    await throughput.AwaitEndAsync(overall.Token);
    var cpu = stack.Cpu() - cpuBefore;
    var lifecycleSeconds = ((throughput.LastCompletion ?? DateTimeOffset.UtcNow) - began).TotalSeconds;
    var completed = throughput.Outcomes.Values.Count(o => o.Status == Booking.Core.Reservations.ReservationStatus.Expired);
    var reservationsPerSecond = completed / lifecycleSeconds;
    Say(string.Create(CultureInfo.InvariantCulture, $"    {completed}/{throughput.Count} expired in {lifecycleSeconds:F1} s"));

    // (c) timer lateness: windows chosen so that every reservation's deadline is (to the second) the same moment.
    // As many as can start in a fifth of the remaining time (up to the target), so the hold still gets its share.
    var lateCount = (int)Math.Clamp(startRate * (budget - run.Elapsed).TotalSeconds / 5, Math.Min(100, sizes.Lateness), sizes.Lateness);
    var lateness = await NewBatchAsync("late", lateCount, Concurrency);
    var shared = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(Math.Ceiling(lateness.Count / startRate * 1.5) + 3);
    Say($"(c) timer lateness: {lateness.Count} reservations sharing the deadline {shared:HH:mm:ss}");
    await lateness.StartAsync(() => Math.Max(1, (int)Math.Round((shared - DateTimeOffset.UtcNow).TotalSeconds)), overall.Token);
    using (var slice = CancellationTokenSource.CreateLinkedTokenSource(overall.Token))
    {
        slice.CancelAfter(shared - DateTimeOffset.UtcNow + (budget - run.Elapsed) / 4);
        await lateness.AwaitEndAsync(slice.Token);
    }

    var latenessMs = lateness.LatenessMs().ToList();

    // (d) hold: as many reservations waiting at once in the one host as can be started in half the remaining time (up
    // to the target); the window outlasts the starting, and the other half is left for them all to expire.
    var startSlice = (budget - run.Elapsed) / 2;
    var holdCount = (int)Math.Clamp(startRate * startSlice.TotalSeconds * 1.2, Math.Min(200, sizes.Hold), sizes.Hold);
    var hold = await NewBatchAsync("hold", holdCount, Concurrency);
    var holdWindow = (int)Math.Ceiling(Math.Min(hold.Count / startRate * 1.3, startSlice.TotalSeconds)) + 15;
    var rssBefore = stack.HostResidentBytes();
    Say($"(d) hold: up to {hold.Count} reservations (target {sizes.Hold}) started within {startSlice.TotalSeconds:F0} s, {holdWindow} s window; host RSS before {rssBefore / 1048576} MiB");
    using (var slice = CancellationTokenSource.CreateLinkedTokenSource(overall.Token))
    {
        slice.CancelAfter(startSlice);
        await hold.StartAsync(() => holdWindow, slice.Token);
    }

    var sampledAt = DateTimeOffset.UtcNow;
    var rssAfter = stack.HostResidentBytes();
    var waiting = hold.Answers.Count(a => a.Held && a.ExpiresAt > sampledAt);
    var rssPerWaiting = waiting == 0 ? double.NaN : (double)(rssAfter - rssBefore) / waiting;
    Say(string.Create(CultureInfo.InvariantCulture, $"    {waiting} waiting at once; host RSS {rssAfter / 1048576} MiB ({rssPerWaiting / 1024:F1} KiB each); waiting for all to expire"));
    await hold.AwaitEndAsync(overall.Token);

    // A last look at batches whose wait was cut short: they may have ended since.
    using (var settle = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
    {
        foreach (var batch in batches.Where(b => b.Unfinished > 0))
        {
            await batch.AwaitEndAsync(settle.Token);
        }
    }

    var lost = batches.Sum(b => b.Lost);
    static double? Measured(double value, int digits) => double.IsFinite(value) ? Math.Round(value, digits) : null;
    var result = new BenchResult(
        Measured(reservationsPerSecond, 1),
        Measured(storeOpsPerSecond, 0),
        StoreOpsPerReservation,
        Measured(storeBound, 1),
        Measured(reservationsPerSecond / storeBound, 3),
        Measured(Stats.Percentile(startTimes, 0.50), 1),
        Measured(Stats.Percentile(startTimes, 0.99), 1),
        Measured(Stats.Percentile(latenessMs, 0.50), 0),
        Measured(Stats.Percentile(latenessMs, 0.99), 0),
        waiting,
        Measured(rssPerWaiting, 0),
        lost);

    string F(double value, string format = "F1") => value.ToString(format, CultureInfo.InvariantCulture);
    Console.WriteLine();
    Console.WriteLine($"{"scenario",-34} {"figure",-44}");
    Console.WriteLine(new string('-', 80));
    Console.WriteLine($"{"store (raw UpdateItem, 32 in flight)",-34} {F(storeOpsPerSecond, "F0")} ops/s, {StoreOpsPerReservation} ops per reservation -> {F(storeBound)} reservations/s");
    Console.WriteLine($"{"(a) throughput",-34} {F(reservationsPerSecond)} lifecycles/s ({completed}/{throughput.Count} expired); ratio {F(reservationsPerSecond / storeBound, "F3")}; starts {F(startRate)}/s");
    Console.WriteLine($"{"(a) CPU per reservation",-34} {cpu.PerReservation(throughput.Count)}");
    Console.WriteLine($"{"(b) start latency, one at a time",-34} p50 {F(Stats.Percentile(startTimes, 0.50))} ms, p99 {F(Stats.Percentile(startTimes, 0.99))} ms ({undecided} answered before the hold was decided)");
    var restLateness = latency.LatenessMs().ToList();
    Console.WriteLine($"{"(b) timer lateness, light load",-34} p50 {F(Stats.Percentile(restLateness, 0.5), "F0")} ms, p99 {F(Stats.Percentile(restLateness, 0.99), "F0")} ms ({restLateness.Count} measured)");
    Console.WriteLine($"{"(c) timer lateness, shared deadline",-34} p50 {F(Stats.Percentile(latenessMs, 0.50), "F0")} ms, p99 {F(Stats.Percentile(latenessMs, 0.99), "F0")} ms, max {F(latenessMs.DefaultIfEmpty(double.NaN).Max(), "F0")} ms ({latenessMs.Count} measured)");
    Console.WriteLine($"{"(d) hold",-34} {waiting} waiting at once, {F(rssPerWaiting / 1024)} KiB RSS each, {hold.Clean} ended EXPIRED and vacant ({hold.Answers.Count} calls answered before the start slice ended; calls cut off then may still have started)");
    Console.WriteLine($"{"lost",-34} {lost} (per batch: {string.Join(", ", batches.Select(b => $"{b.Count} -> {b.Lost}"))}; {batches.Sum(b => b.Unfinished)} of them had not ended when the time budget ran out)");
    Console.WriteLine($"{"run",-34} {F(run.Elapsed.TotalSeconds, "F0")} s, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    Console.WriteLine(JsonSerializer.Serialize(result));
    return lost == 0 ? 0 : 1;
}
catch (Exception error)
{
    Console.Error.WriteLine($"bench failed: {error}");
    Console.Error.WriteLine("last output of the local host:");
    Console.Error.WriteLine(stack.HostOutput);
    return 2;
}
