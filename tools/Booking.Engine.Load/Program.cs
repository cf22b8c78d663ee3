using System.Diagnostics;
using System.Globalization;
using Booking.Core;
using Booking.Core.Apartments;
using Booking.Core.Reservations;
using Booking.Engine;
using Booking.Engine.Load;
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
await store.EnsureTableAsync();
await host.StartAsync();
using var deadline = new CancellationTokenSource(load.Timeout);

var ids = Enumerable.Range(0, load.Count).Select(i => $"{load.Prefix}{i:D5}").ToList();
var parallel = new ParallelOptions { MaxDegreeOfParallelism = load.Parallelism, CancellationToken = deadline.Token };
await Parallel.ForEachAsync(ids, parallel, async (id, ct) => await store.AddAsync("apt-" + id, ct));

var (heapBefore, rssBefore) = Memory();
Report.Line($"starting {load.Count} reservations, {load.Parallelism} at a time, window {load.Window}");
var clock = Stopwatch.StartNew();
await Parallel.ForEachAsync(ids, parallel, async (id, ct) => await client.ScheduleNewOrchestrationInstanceAsync(
    ReservationOrchestrator.Name,
    new ReservationRequest(id, "apt-" + id, load.Window),
    new StartOrchestrationOptions(id),
    ct));
Report.Line($"started all in {clock.Elapsed.TotalSeconds:F1} s ({load.Count / clock.Elapsed.TotalSeconds:F0}/s)");

var outcomes = new Dictionary<string, ReservationOutcome>();
var peakWaiting = 0;
long peakHeap = 0, peakRss = 0;
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

// Lateness: from the deadline to the moment the release wrote the apartment back to vacant.
var lateness = outcomes.Values
    .Where(o => o.Status == ReservationStatus.Expired && o.ExpiresAt is not null)
    .Select(o => apartments.TryGetValue("apt-" + o.ReservationId, out var a) && a.UpdatedAt is not null ? (a.UpdatedAt.Value - o.ExpiresAt!.Value).TotalSeconds : double.NaN)
    .Where(s => !double.IsNaN(s))
    .Order()
    .ToList();
Report.Line($"RESULT count={load.Count} completed={outcomes.Count} expired={expired} vacant={vacant} peakWaiting={peakWaiting} seconds={elapsed.TotalSeconds:F1} processCpuSeconds={Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F1}");
if (peakWaiting > 0)
{
    Report.Line($"MEMORY at peak waiting {peakWaiting}: managed heap {(peakHeap - heapBefore) / peakWaiting / 1024.0:F1} KB and RSS {(peakRss - rssBefore) / peakWaiting / 1024.0:F1} KB per waiting reservation (this process also runs the client and the poll)");
}

if (lateness.Count > 0)
{
    Report.Line(string.Create(CultureInfo.InvariantCulture, $"LATENESS s: min={lateness[0]:F3} p50={Report.Percentile(lateness, 0.5):F3} p95={Report.Percentile(lateness, 0.95):F3} p99={Report.Percentile(lateness, 0.99):F3} max={lateness[^1]:F3} over1s={lateness.Count(s => s > 1)} early={lateness.Count(s => s < 0)}"));
}

await host.StopAsync(CancellationToken.None);

// Live managed bytes after a full collection, and resident memory, of this process.
static (long Heap, long Rss) Memory()
{
    var heap = GC.GetTotalMemory(forceFullCollection: true);
    using var self = Process.GetCurrentProcess();
    return (heap, self.WorkingSet64);
}

return outcomes.Count == load.Count && expired == load.Count && vacant == load.Count ? 0 : 1;
