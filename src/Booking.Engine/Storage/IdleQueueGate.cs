namespace Booking.Engine.Storage;

/// <summary>
/// Decides, for one physical queue, whether a receive can find anything that this process does not already know is
/// not there, so that fetch loops stop polling queues they know are empty.
/// <para>
/// Why: the provider's fetch loops poll on their own. Each has a backoff that every send to the queue resets to 50 ms,
/// timers included (hidden until their deadline), and the activity queue's eight loops (Engine:ActivityDispatchers)
/// each poll it. Measured in the 1,000-reservation burst: about two thirds of all queue requests came back empty, and
/// the nine azurite-queue processes used more CPU than the engine and the table emulator together, on a 2-core machine
/// whose saturation is what makes windows end late (docs/engine.md, item 13).
/// </para>
/// <para>
/// Rule: once a receive comes back empty the queue counts as empty until this process sends to it (a message visible at
/// once), a message it sent hidden (a durable timer, an abandoned message) becomes visible, or
/// <c>recheck</c> (Engine:MaxQueuePollingInterval) has passed, which bounds how late a message sent by another
/// process is seen. While one receive probes an empty queue the other loops wait for its answer instead of asking too.
/// A queue whose last receive found something is polled freely, as the provider does. A zero <c>recheck</c> turns the
/// gate off. Only when a receive may find something is it made; nothing is ever lost by waiting, only delayed.
/// </para>
/// </summary>
internal sealed class IdleQueueGate(TimeSpan recheck, TimeProvider time, IdleQueueGate.Signal signal)
{
    private const long NoProbe = -1;
    private const long NotEmpty = -1;
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);

    private readonly object sync = new();

    // When messages this process sent hidden (timers, abandoned messages) become visible, earliest first.
    private readonly PriorityQueue<DateTimeOffset, DateTimeOffset> hiddenUntil = new();

    // Sends (visible at once) completed by this process.
    private long sends;

    // The send count when the last empty receive began, or NotEmpty while the last receive found something.
    private long emptyAtSends = NotEmpty;
    private DateTimeOffset emptySince;

    // The send count a receive probing the empty queue began with, or NoProbe.
    private long probeSends = NoProbe;

    /// <summary>A receive that the gate let through: what the queue was known to hold when it began.</summary>
    public readonly record struct Ticket(long Sends, DateTimeOffset StartedAt, bool Probe);

    /// <summary>Wakes the loops waiting on a set of gates (the shards of one queue share one).</summary>
    public sealed class Signal
    {
        private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes at the next <see cref="Pulse"/>; take it before looking at the gates, so that no pulse
        /// between looking and waiting is missed.</summary>
        public Task Next => Volatile.Read(ref next).Task;

        public void Pulse() =>
            Interlocked.Exchange(ref next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>
    /// Waits until a receive on one of <paramref name="gates"/> may find something, trying them in turn from
    /// <paramref name="first"/>; returns which one, with the ticket to report the answer to (<see cref="Completed"/>).
    /// </summary>
    public static async Task<(int Index, Ticket Ticket)> WaitForAnyAsync(IReadOnlyList<IdleQueueGate> gates, int first, Signal signal, TimeProvider time, CancellationToken cancellationToken)
    {
        while (true)
        {
            var pulse = signal.Next;
            var retryAt = DateTimeOffset.MaxValue;
            for (var i = 0; i < gates.Count; i++)
            {
                var index = (first + i) % gates.Count;
                if (gates[index].TryBegin(out var ticket, out var gateRetryAt))
                {
                    return (index, ticket);
                }

                retryAt = gateRetryAt < retryAt ? gateRetryAt : retryAt;
            }

            // At least a millisecond: a wait that completes at once would turn this loop into a spin on its thread.
            using var stopTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = retryAt - time.GetUtcNow();
            await Task.WhenAny(pulse, Task.Delay(delay > MinimumWait ? delay : MinimumWait, time, stopTimer.Token));
            await stopTimer.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Whether a receive may find something now (if so it is begun, and a probe of an empty queue claimed);
    /// if not, when one may (<paramref name="retryAt"/>).</summary>
    public bool TryBegin(out Ticket ticket, out DateTimeOffset retryAt)
    {
        var now = time.GetUtcNow();
        retryAt = DateTimeOffset.MaxValue;
        lock (sync)
        {
            if (recheck <= TimeSpan.Zero || emptyAtSends == NotEmpty)
            {
                ticket = new Ticket(sends, now, Probe: false);
                return true;
            }

            var hiddenDue = hiddenUntil.TryPeek(out _, out var visibleAt) && visibleAt <= now;
            var mayHaveChanged = hiddenDue || now >= emptySince + recheck || sends != emptyAtSends;
            if ((probeSends == NoProbe && mayHaveChanged) || (probeSends != NoProbe && sends != probeSends))
            {
                probeSends = sends;
                ticket = new Ticket(sends, now, Probe: true);
                return true;
            }

            ticket = default;
            if (probeSends != NoProbe)
            {
                // The probe's answer wakes the waiters (Completed pulses); the time is only a backstop. Its due
                // times may already have passed, and a wait that ends at once would spin.
                retryAt = now + recheck;
                return false;
            }

            retryAt = emptySince + recheck;
            if (hiddenUntil.TryPeek(out _, out visibleAt) && visibleAt < retryAt)
            {
                retryAt = visibleAt;
            }

            return false;
        }
    }

    /// <summary>Reports a begun receive's answer; null <paramref name="foundAny"/>: it failed.</summary>
    public void Completed(Ticket ticket, bool? foundAny)
    {
        var pulse = false;
        lock (sync)
        {
            if (ticket.Probe && probeSends == ticket.Sends)
            {
                probeSends = NoProbe;
                pulse = true;
            }

            if (foundAny == true)
            {
                emptyAtSends = NotEmpty;
                pulse = true;
            }
            else if (foundAny == false)
            {
                emptyAtSends = ticket.Sends;
                emptySince = ticket.StartedAt;
                while (hiddenUntil.TryPeek(out _, out var visibleAt) && visibleAt <= ticket.StartedAt)
                {
                    hiddenUntil.Dequeue();
                }
            }
        }

        // Waiting loops look again: the queue is busy, or empty only until its next due time.
        if (pulse)
        {
            signal.Pulse();
        }
    }

    /// <summary>Reports a message this process put in the queue, visible at once or after <paramref name="hiddenFor"/>.</summary>
    public void Sent(TimeSpan? hiddenFor)
    {
        lock (sync)
        {
            if (hiddenFor is { } hidden && hidden > TimeSpan.Zero)
            {
                var visibleAt = time.GetUtcNow() + hidden;
                hiddenUntil.Enqueue(visibleAt, visibleAt);
            }
            else
            {
                sends++;
            }
        }

        signal.Pulse();
    }
}
