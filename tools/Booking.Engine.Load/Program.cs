using System.Diagnostics;
using System.Globalization;
using Booking.Core;
using Booking.Core.Apartments;
using Booking.Core.Reservations;
using Booking.Engine;
using Booking.Engine.Load;
using DurableTask.AzureStorage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Settings come from the environment like every host (AzureWebJobsStorage, TaskHubName, DynamoDb__*, Engine__*);
// the run itself from Load__Count, Load__Parallelism, Load__Window, Load__Timeout, Load__Prefix, Load__PollInterval.
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.AddFilter("DurableTask", LogLevel.Warning);
builder.Logging.AddFilter("Booking", LogLevel.Warning);
builder.Services.AddBookingCore(builder.Configuration);
builder.Services.AddLocalDurableEngine(builder.Configuration, registry => registry.AddReservationWorkflow());
var load = builder.Configuration.GetSection("Load").Get<LoadSettings>() ?? new LoadSettings();

using var host = builder.Build();
var store = host.Services.GetRequiredService<IApartmentStore>();
var client = host.Services.GetRequiredService<DurableTaskClient>();
var deadlines = host.Services.GetRequiredService<DeadlineCalendar>();
await store.EnsureTableAsync();
await host.StartAsync();
using var deadline = new CancellationTokenSource(load.Timeout);

var ids = Enumerable.Range(0, load.Count).Select(i => $"{load.Prefix}{i:D5}").ToList();
var parallel = new ParallelOptions { MaxDegreeOfParallelism = load.Parallelism, CancellationToken = deadline.Token };
await Parallel.ForEachAsync(ids, parallel, async (id, ct) => await store.AddAsync("apt-" + id, ct));

var (heapBefore, rssBefore) = Memory();
Report.Line($"starting {load.Count} reservations, {load.Parallelism} at a time, window {load.Window}");
var admitted = new Dictionary<string, DateTimeOffset>();
if (load.WarmUp > 0)
{
    Report.Lateness("WARM-UP LATENESS", await WarmUpAsync(deadline.Token));
}

var clock = Stopwatch.StartNew();
await Parallel.ForEachAsync(ids, parallel, async (id, ct) => await StartAsync(id, load.Window, ct));
Report.Line($"started all in {clock.Elapsed.TotalSeconds:F1} s ({load.Count / clock.Elapsed.TotalSeconds:F0}/s)");

var outcomes = new Dictionary<string, ReservationOutcome>();
var created = new Dictionary<string, DateTimeOffset>();
var peakWaiting = 0;
long peakHeap = 0, peakRss = 0;
var probed = false;
var lastProgress = TimeSpan.Zero;
var progressInterval = TimeSpan.FromSeconds(15);
try
{
    while (outcomes.Count < load.Count)
    {
        var waiting = 0;
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = load.Prefix, FetchInputsAndOutputs = true, PageSize = 1000 }).WithCancellation(deadline.Token))
        {
            if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed && !outcomes.ContainsKey(instance.InstanceId))
            {
                outcomes[instance.InstanceId] = instance.ReadOutputAs<ReservationOutcome>()!;
                created[instance.InstanceId] = instance.CreatedAt;
            }
            else if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Running && instance.ReadCustomStatusAs<ReservationProgress>() is { Status: ReservationStatus.PendingPayment })
            {
                waiting++;
            }
        }

        if (waiting > peakWaiting)
        {
            peakWaiting = waiting;
            (peakHeap, peakRss) = Memory();
        }

        // Timer promptness under load: while every reservation of the run waits at once (all their timers parked in
        // the queues), reservations with short windows, one at a time, should still end within a second of their deadline.
        if (load.Probes > 0 && !probed && waiting == load.Count)
        {
            probed = true;
            Report.Line($"probing: {load.Probes} reservations with {load.ProbeWindow} windows, one at a time, while {waiting} wait");
            Report.Lateness($"PROBE LATENESS while {waiting} wait", await ProbeAsync(deadline.Token));
        }

        if (clock.Elapsed - lastProgress >= progressInterval || outcomes.Count == load.Count)
        {
            lastProgress = clock.Elapsed;
            Report.Line($"t={clock.Elapsed.TotalSeconds:F0}s completed {outcomes.Count}/{load.Count}, waiting for payment {waiting}");
        }

        await Task.Delay(load.PollInterval, deadline.Token);
    }
}
catch (OperationCanceledException)
{
    Report.Line($"TIMEOUT after {load.Timeout}: {outcomes.Count}/{load.Count} completed");
}

var elapsed = clock.Elapsed;
var apartments = new Dictionary<string, Apartment>();
string? token = null;
do
{
    var page = await store.ListAsync(1000, token);
    foreach (var apartment in page.Items)
    {
        apartments[apartment.Id] = apartment;
    }

    token = page.NextPageToken;
}
while (token is not null);

var expired = outcomes.Values.Count(o => o.Status == ReservationStatus.Expired);
var vacant = ids.Count(id => apartments.TryGetValue("apt-" + id, out var a) && a.Status == ApartmentStatus.Vacant);

double Late(ReservationOutcome o) => LatenessSeconds(o, apartments.GetValueOrDefault("apt-" + o.ReservationId));
var lateness = outcomes.Values.Select(Late).Where(s => !double.IsNaN(s)).ToList();
Report.Line($"RESULT count={load.Count} completed={outcomes.Count} expired={expired} vacant={vacant} peakWaiting={peakWaiting} seconds={elapsed.TotalSeconds:F1} processCpuSeconds={Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F1} gcPauseSeconds={GC.GetTotalPauseDuration().TotalSeconds:F2} gcCounts={GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
if (peakWaiting > 0)
{
    Report.Line($"MEMORY at peak waiting {peakWaiting}: managed heap {(peakHeap - heapBefore) / peakWaiting / 1024.0:F1} KB and RSS {(peakRss - rssBefore) / peakWaiting / 1024.0:F1} KB per waiting reservation (this process also runs the client and the poll)");
}

Report.Lateness("LATENESS", lateness);

// Where in the run lateness arises: per 10 s of deadlines since the first one.
var byDeadline = outcomes.Values
    .Select(o => (o.ExpiresAt, Late: Late(o)))
    .Where(x => x.ExpiresAt is not null && !double.IsNaN(x.Late))
    .ToList();
if (byDeadline.Count > 0)
{
    var first = byDeadline.Min(x => x.ExpiresAt!.Value);
    foreach (var bucket in byDeadline.GroupBy(x => (int)((x.ExpiresAt!.Value - first).TotalSeconds / 10)).OrderBy(g => g.Key))
    {
        Report.Lateness($"LATENESS deadlines +{bucket.Key * 10}s", bucket.Select(x => x.Late));
    }
}

// A hold that begins after its admitted moment ends its window in a second promised to others.
var held = outcomes.Values.Where(o => o.ExpiresAt is not null).ToList();
double HoldAfterAdmitted(ReservationOutcome o) => (o.ExpiresAt!.Value - load.Window - admitted[o.ReservationId]).TotalSeconds;
Report.Lateness("HOLD AFTER ADMITTED", held.Select(HoldAfterAdmitted));
if (held.Count > 0)
{
    var firstDeadline = held.Min(o => o.ExpiresAt!.Value);
    Report.Lateness("HOLD AFTER ADMITTED, deadlines +0s", held.Where(o => o.ExpiresAt < firstDeadline.AddSeconds(10)).Select(HoldAfterAdmitted));
}

// The other side of Reservation:MaxStartsAndEndsPerSecond: how long each waited, from the client's start call, before
// it held its apartment.
Report.Lateness("WAIT BEFORE HOLD", outcomes.Values
    .Where(o => o.ExpiresAt is not null)
    .Select(o => (o.ExpiresAt!.Value - load.Window - created[o.ReservationId]).TotalSeconds));

// Where the time between deadline and release went: the first 10 s of deadlines (while the run is still starting),
// the rest, and the windows over 1 s late, at most 200 of each (one history read each). Read after the run.
if (byDeadline.Count > 0)
{
    var service = host.Services.GetRequiredService<AzureStorageOrchestrationService>();
    var first = byDeadline.Min(x => x.ExpiresAt!.Value);
    var expiredOnes = outcomes.Values.Where(o => !double.IsNaN(Late(o))).OrderBy(o => o.ExpiresAt).ToList();
    var early = expiredOnes.Where(o => o.ExpiresAt < first.AddSeconds(10)).ToList();
    await ReportPartsAsync("deadlines +0s", early);
    await ReportPartsAsync("later deadlines", expiredOnes.Except(early).ToList());
    await ReportPartsAsync("over 1 s late", expiredOnes.Where(o => Late(o) > 1).ToList());

    async Task ReportPartsAsync(string label, List<ReservationOutcome> group)
    {
        var parts = new List<LatenessParts>();
        var step = Math.Max(1, group.Count / 200);
        foreach (var outcome in group.Where((_, i) => i % step == 0))
        {
            if (await LatenessParts.ReadAsync(service, outcome, apartments["apt-" + outcome.ReservationId].UpdatedAt!.Value) is { } read)
            {
                parts.Add(read);
            }
        }

        for (var i = 0; i < LatenessParts.Names.Length; i++)
        {
            Report.Lateness($"PART {label}{(step > 1 ? " (sample)" : "")}: {LatenessParts.Names[i]}", parts.Select(p => p.Seconds[i]));
        }
    }
}

await host.StopAsync(CancellationToken.None);

// Reservations of their own, started together and run to the end before the measured run, so that it meets a process
// whose code is compiled and whose connections are open, as a host that has been up a while; their lateness in seconds.
async Task<List<double>> WarmUpAsync(CancellationToken cancellation)
{
    var warmIds = Enumerable.Range(0, load.WarmUp).Select(i => $"warm-{load.Prefix}{i:D3}").ToList();
    await Parallel.ForEachAsync(warmIds, parallel, async (id, ct) =>
    {
        await store.AddAsync("apt-" + id, ct);
        await StartAsync(id, load.ProbeWindow, ct);
    });
    var seconds = new List<double>();
    foreach (var id in warmIds)
    {
        seconds.Add(await LatenessWhenDoneAsync(id, cancellation));
    }

    return seconds;
}

// Reservations of their own (ids outside the run's prefix), one at a time; their lateness in seconds.
async Task<List<double>> ProbeAsync(CancellationToken cancellation)
{
    var seconds = new List<double>();
    for (var i = 0; i < load.Probes; i++)
    {
        var id = $"probe-{load.Prefix}{i:D3}";
        await store.AddAsync("apt-" + id, cancellation);
        await StartAsync(id, load.ProbeWindow, cancellation);
        seconds.Add(await LatenessWhenDoneAsync(id, cancellation));
    }

    return seconds;
}

async Task<double> LatenessWhenDoneAsync(string id, CancellationToken cancellation)
{
    var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancellation);
    return LatenessSeconds(done.ReadOutputAs<ReservationOutcome>()!, await store.GetAsync("apt-" + id, cancellation));
}

// As the API starts a reservation: admitted by the calendar, tagged with when it holds. Remembers when it was due to
// hold.
async Task StartAsync(string id, TimeSpan window, CancellationToken cancellation)
{
    var holdFrom = deadlines.Admit(window);
    lock (admitted)
    {
        admitted[id] = holdFrom ?? DateTimeOffset.UtcNow;
    }

    await client.ScheduleNewOrchestrationInstanceAsync(
        ReservationOrchestrator.Name,
        new ReservationRequest(id, "apt-" + id, window, holdFrom),
        StartBy.Tagged(new StartOrchestrationOptions(id), load.TagStartBy ? holdFrom : null),
        cancellation);
}

// From the deadline to the moment the release wrote the apartment back to vacant; NaN unless it expired.
static double LatenessSeconds(ReservationOutcome outcome, Apartment? apartment) =>
    outcome.Status == ReservationStatus.Expired && outcome.ExpiresAt is { } expiresAt && apartment?.UpdatedAt is { } released
        ? (released - expiresAt).TotalSeconds
        : double.NaN;

// Live managed bytes after a full collection, and resident memory, of this process.
static (long Heap, long Rss) Memory()
{
    var heap = GC.GetTotalMemory(forceFullCollection: true);
    using var self = Process.GetCurrentProcess();
    return (heap, self.WorkingSet64);
}

return outcomes.Count == load.Count && expired == load.Count && vacant == load.Count ? 0 : 1;
