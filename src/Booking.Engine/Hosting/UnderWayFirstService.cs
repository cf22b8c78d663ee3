using Booking.Core.Reservations;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging;

namespace Booking.Engine.Hosting;

/// <summary>
/// Hands the worker the episodes of orchestrations already under way (a timer fired, an activity answered, an event
/// came) before the first episodes of new ones, and lets at most <c>maxNewInFlight</c> new ones run at once. The
/// provider hands out work in arrival order and the worker runs up to 100 episodes together, so a burst of new
/// reservations (1,000 in 20 s) filled the storage emulator's queue of requests, and the releases of windows that
/// ended meanwhile waited behind it: 13–27 s late. A window that has ended is a promise due now; a new reservation can wait a moment to begin.
/// New ones run earliest <see cref="StartBy"/> first: a reservation admitted to hold in a minute can wait for one that
/// holds now.
/// </summary>
/// <remarks>
/// A background loop takes every work item the provider has ready and sorts it; the worker's fetches are answered from
/// here. Nothing is ever held back while the worker has nothing else to do, so this never idles; buffered items keep
/// their queue messages hidden by renewing them before they would reappear, and go back to the provider on stop.
/// </remarks>
internal sealed class UnderWayFirstService(IOrchestrationService inner, int maxNewInFlight, TimeSpan lockLifetime, ILogger logger)
    : OrchestrationServiceDecorator(inner), IDisposable
{
    private static readonly TimeSpan ProviderWait = TimeSpan.FromSeconds(30);

    private readonly Lock gate = new();
    private readonly Queue<TaskOrchestrationWorkItem> underWay = new();
    private readonly PriorityQueue<TaskOrchestrationWorkItem, (DateTime Due, long Arrival)> fresh = new();
    private readonly HashSet<TaskOrchestrationWorkItem> freshInFlight = new(ReferenceEqualityComparer.Instance);
    private TaskCompletionSource changed = NewSignal();
    private long arrivals;
    private CancellationTokenSource? stopping;
    private Task background = Task.CompletedTask;

    /// <summary>Items waiting here and new ones running, for tests.</summary>
    internal (int UnderWay, int Fresh, int FreshInFlight) Counts
    {
        get
        {
            lock (gate)
            {
                return (underWay.Count, fresh.Count, freshInFlight.Count);
            }
        }
    }

    public override async Task StartAsync()
    {
        await Inner.StartAsync();
        stopping = new CancellationTokenSource();
        background = Task.WhenAll(
            Task.Run(() => TakeFromProviderAsync(stopping.Token)),
            Task.Run(() => RenewBufferedAsync(stopping.Token)));
    }

    public override async Task StopAsync() => await StopAsync(isForced: false);

    public override async Task StopAsync(bool isForced)
    {
        await StopBufferingAsync();
        await Inner.StopAsync(isForced);
    }

    public override async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(receiveTimeout);
        while (true)
        {
            Task wake;
            lock (gate)
            {
                if (underWay.TryDequeue(out var next))
                {
                    return next;
                }

                if (freshInFlight.Count < maxNewInFlight && fresh.TryDequeue(out next, out _))
                {
                    freshInFlight.Add(next);
                    return next;
                }

                wake = changed.Task;
            }

            try
            {
                await wake.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Nothing within the worker's receive timeout: it expects null and asks again.
                return null!;
            }
        }
    }

    // A new one stops being new once its first episode is written. With extended sessions the worker keeps the same
    // work item for the instance's later episodes and releases it only when the session idles out, so freeing the
    // place on release alone let 8 sessions, each idle for its timeout, throttle every new reservation (measured:
    // holds began p50 80 s after their admitted moment instead of 0.005 s).
    public override async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        await Inner.CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
        Done(workItem);
    }

    // DurableTask.Core releases every work item it took once it is done with it (completed or abandoned alike), so
    // this is where a new one's place is freed if its first episode never completed.
    public override async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        await Inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);
        Done(workItem);
    }

    public void Dispose() => stopping?.Dispose();

    /// <summary>A first episode: the instance has no history yet and this batch starts it.</summary>
    internal static bool IsNew(TaskOrchestrationWorkItem workItem) => FirstStart(workItem) is not null;

    /// <summary>By when a new orchestration's first episode should run: its <see cref="StartBy"/> tag, else when it
    /// was created.</summary>
    internal static DateTime DueBy(ExecutionStartedEvent started) => StartBy.Read(started.Tags) ?? started.Timestamp;

    private static ExecutionStartedEvent? FirstStart(TaskOrchestrationWorkItem workItem) =>
        (workItem.OrchestrationRuntimeState?.Events.Count ?? 0) == 0
            ? workItem.NewMessages.Select(m => m.Event).OfType<ExecutionStartedEvent>().FirstOrDefault()
            : null;

    // Under the gate: every item waiting here, in no particular order.
    private IEnumerable<TaskOrchestrationWorkItem> Buffered() => underWay.Concat(fresh.UnorderedItems.Select(i => i.Element));

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task TakeFromProviderAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            TaskOrchestrationWorkItem? item;
            try
            {
                item = await Inner.LockNextTaskOrchestrationWorkItemAsync(ProviderWait, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // As DurableTask.Core's own fetch loop does: log, back off as the provider asks, go on.
                var delay = TimeSpan.FromSeconds(Math.Max(1, Inner.GetDelayInSecondsAfterOnFetchException(e)));
                logger.LogWarning(e, "Fetching an orchestration work item failed; trying again in {Delay}", delay);
                try
                {
                    await Task.Delay(delay, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            if (item is not null)
            {
                lock (gate)
                {
                    if (FirstStart(item) is { } started)
                    {
                        fresh.Enqueue(item, (DueBy(started), arrivals++));
                    }
                    else
                    {
                        underWay.Enqueue(item);
                    }

                    Wake();
                }
            }
        }
    }

    private async Task RenewBufferedAsync(CancellationToken stop)
    {
        // Renew an item once less than half its lock is left. Check often: an item may come out of the provider's
        // own buffer with little of its lock left, and one that lapses is handed out again, twice.
        using var ticks = new PeriodicTimer(TimeSpan.FromTicks(Math.Clamp(lockLifetime.Ticks / 20, TimeSpan.TicksPerMillisecond * 20, TimeSpan.TicksPerSecond)));
        try
        {
            while (await ticks.WaitForNextTickAsync(stop))
            {
                var renewBy = DateTime.UtcNow + (lockLifetime / 2);
                List<TaskOrchestrationWorkItem> due;
                lock (gate)
                {
                    due = Buffered().Where(i => i.LockedUntilUtc < renewBy).ToList();
                }

                foreach (var item in due)
                {
                    try
                    {
                        await Inner.RenewTaskOrchestrationWorkItemLockAsync(item);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // The worker may have taken and finished it meanwhile; if not, its messages reappear and
                        // the provider hands them out again, as after any lost lock.
                        logger.LogDebug(e, "Renewing the lock of buffered work item {InstanceId} failed", item.InstanceId);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task StopBufferingAsync()
    {
        if (stopping is null)
        {
            return;
        }

        await stopping.CancelAsync();
        await background;
        stopping.Dispose();
        stopping = null;

        List<TaskOrchestrationWorkItem> left;
        lock (gate)
        {
            left = [.. Buffered()];
            underWay.Clear();
            fresh.Clear();
        }

        // Give them back so another process (or this one, restarted) takes them at once, not after their locks lapse.
        foreach (var item in left)
        {
            try
            {
                await Inner.AbandonTaskOrchestrationWorkItemAsync(item);
                await Inner.ReleaseTaskOrchestrationWorkItemAsync(item);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Returning buffered work item {InstanceId} on stop failed; it reappears when its lock lapses", item.InstanceId);
            }
        }
    }

    private void Done(TaskOrchestrationWorkItem workItem)
    {
        lock (gate)
        {
            if (freshInFlight.Remove(workItem))
            {
                Wake();
            }
        }
    }

    // Under the gate: wakes every fetch waiting for a change.
    private void Wake()
    {
        var woken = changed;
        changed = NewSignal();
        woken.TrySetResult();
    }
}
