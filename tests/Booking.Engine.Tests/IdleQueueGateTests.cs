using Booking.Engine.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Booking.Engine.Tests;

/// <summary>When a fetch loop may poll a queue (<see cref="IdleQueueGate"/>), on a clock the tests move.</summary>
public sealed class IdleQueueGateTests
{
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
    private readonly IdleQueueGate.Signal signal = new();

    [Fact]
    public void A_queue_found_empty_is_not_polled_again_until_the_recheck_and_then_by_one_loop()
    {
        var gate = EmptyGate();

        Assert.False(gate.TryBegin(out _, out var retryAt));
        Assert.Equal(time.GetUtcNow() + Recheck, retryAt);

        time.Advance(Recheck);
        Assert.True(gate.TryBegin(out var probe, out _));
        Assert.True(probe.Probe);

        // The others wait for the probe's answer, and not "until a moment already past", which would spin.
        Assert.False(gate.TryBegin(out _, out retryAt));
        Assert.True(retryAt > time.GetUtcNow());

        gate.Completed(probe, foundAny: false);
        Assert.False(gate.TryBegin(out _, out _));
    }

    [Fact]
    public void A_send_by_this_process_lets_one_probe_through_at_once_and_a_send_during_it_another()
    {
        var gate = EmptyGate();

        gate.Sent(hiddenFor: null);
        Assert.True(gate.TryBegin(out var first, out _));
        Assert.False(gate.TryBegin(out _, out _));

        gate.Sent(hiddenFor: null);
        Assert.True(gate.TryBegin(out var second, out _));
        Assert.False(gate.TryBegin(out _, out _));

        gate.Completed(first, foundAny: false);
        Assert.False(gate.TryBegin(out _, out _));
        gate.Completed(second, foundAny: false);
        Assert.False(gate.TryBegin(out _, out _));
    }

    [Fact]
    public void A_queue_whose_last_receive_found_something_is_polled_by_every_loop()
    {
        var gate = EmptyGate();
        gate.Sent(hiddenFor: null);
        Assert.True(gate.TryBegin(out var probe, out _));
        gate.Completed(probe, foundAny: true);

        Assert.True(gate.TryBegin(out var a, out _));
        Assert.True(gate.TryBegin(out var b, out _));
        Assert.False(a.Probe || b.Probe);

        gate.Completed(a, foundAny: false);
        Assert.False(gate.TryBegin(out _, out _));
    }

    [Fact]
    public void A_message_sent_hidden_is_looked_for_when_it_becomes_visible_and_not_forgotten_by_an_earlier_empty_answer()
    {
        var gate = EmptyGate();
        gate.Sent(hiddenFor: TimeSpan.FromMilliseconds(300));

        Assert.False(gate.TryBegin(out _, out var retryAt));
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMilliseconds(300), retryAt);

        // A probe that began before the message was due and found nothing leaves it due.
        gate.Sent(hiddenFor: null);
        Assert.True(gate.TryBegin(out var early, out _));
        gate.Completed(early, foundAny: false);
        Assert.False(gate.TryBegin(out _, out retryAt));
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMilliseconds(300), retryAt);

        time.Advance(TimeSpan.FromMilliseconds(300));
        Assert.True(gate.TryBegin(out var due, out _));
        gate.Completed(due, foundAny: false);
        Assert.False(gate.TryBegin(out _, out retryAt));
        Assert.Equal(time.GetUtcNow() + Recheck, retryAt);
    }

    [Fact]
    public void A_failed_probe_leaves_the_queue_to_the_next_loop()
    {
        var gate = EmptyGate();
        gate.Sent(hiddenFor: null);
        Assert.True(gate.TryBegin(out var failed, out _));

        gate.Completed(failed, foundAny: null);

        Assert.True(gate.TryBegin(out _, out _));
    }

    [Fact]
    public void A_zero_recheck_turns_the_gate_off()
    {
        var gate = new IdleQueueGate(TimeSpan.Zero, time, signal);
        Assert.True(gate.TryBegin(out var ticket, out _));
        gate.Completed(ticket, foundAny: false);

        Assert.True(gate.TryBegin(out _, out _));
        Assert.True(gate.TryBegin(out _, out _));
    }

    [Fact]
    public async Task A_loop_waiting_on_empty_shards_wakes_on_a_send_and_goes_to_that_shard()
    {
        IdleQueueGate[] gates = [EmptyGate(), EmptyGate(), EmptyGate()];

        var waiting = IdleQueueGate.WaitForAnyAsync(gates, 0, signal, time, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        gates[2].Sent(hiddenFor: null);
        var (index, ticket) = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, index);
        Assert.True(ticket.Probe);
    }

    [Fact]
    public async Task A_loop_waiting_on_an_empty_queue_polls_again_at_the_recheck()
    {
        IdleQueueGate[] gates = [EmptyGate()];

        var waiting = IdleQueueGate.WaitForAnyAsync(gates, 0, signal, time, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        time.Advance(Recheck);
        var (index, _) = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, index);
    }

    [Fact]
    public async Task A_waiting_loop_stops_when_its_token_is_cancelled()
    {
        using var stop = new CancellationTokenSource();
        var waiting = IdleQueueGate.WaitForAnyAsync([EmptyGate()], 0, signal, time, stop.Token);

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    // A gate whose first receive came back empty just now.
    private IdleQueueGate EmptyGate()
    {
        var gate = new IdleQueueGate(Recheck, time, signal);
        Assert.True(gate.TryBegin(out var ticket, out _));
        gate.Completed(ticket, foundAny: false);
        return gate;
    }
}
