using System.Diagnostics;
using Booking.Bench.Counting;
using Booking.Bench.PeerApp.Seed;
using Booking.Core.Apartments;
using Booking.Core.Reservations;

namespace Booking.Bench;

/// <summary>
/// Requests per reservation for each ending, ours and the peer's. Each system's requests pass its own relays, so the
/// counts are its own. A batch runs its reservations either one after another, each to its end (read from the hub
/// directly), so no two share a burst of queue polls (the light-load cost, the most any one reservation causes), or
/// all at once, overlapping (what reservations cost when they share polls and episodes). After the last one the
/// engine settles back to idle polling; what the relays counted, less what the idle system makes in as long, is
/// divided by the batch size. Lease upkeep runs on a clock, not per reservation, so it stays in the idle rate. The
/// peer's batch runs after ours, never beside it.
/// </summary>
internal sealed class LifecycleCosts(BenchStack stack, ReservationApi api, int windowSeconds)
{
    /// <summary>After the last reservation ends, the engine's pollers back off from busy to idle (1 s at most); the
    /// polls on the way are the lifecycle's.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    /// <summary>Long enough that payment or cancellation always arrives inside it.</summary>
    private const int LongWindowSeconds = 60;

    public RequestCounts OurIdlePerSecond { get; private set; } = RequestCounts.None;

    public RequestCounts PeerIdlePerSecond { get; private set; } = RequestCounts.None;

    /// <summary>One reservation on each system at once (JIT, connections, task hubs), not counted.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        const string ours = "warm-ours";
        const string peer = "warm-peer";
        await Task.WhenAll(stack.Store.AddAsync(Apartment(ours), cancellationToken), stack.Store.AddAsync(Apartment(peer), cancellationToken));
        await Task.WhenAll(OurLifecycleAsync(Ending.Expired, ours, cancellationToken), PeerLifecycleAsync(Ending.Expired, peer, cancellationToken));
    }

    /// <summary>Both systems idle at once: their request rates with nothing to do (queue polling, lease renewals).</summary>
    public async Task MeasureIdleAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        var ours = stack.Ours.Tally.Snapshot();
        var peer = stack.PeerEndpoints.Tally.Snapshot();
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration, cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        OurIdlePerSecond = (stack.Ours.Tally.Snapshot() - ours).Times(1 / seconds);
        PeerIdlePerSecond = (stack.PeerEndpoints.Tally.Snapshot() - peer).Times(1 / seconds);
    }

    /// <summary>Ours for <paramref name="ending"/>, with the peer's batch of the same ending beside it where the seed
    /// has that ending: <paramref name="count"/> reservations one at a time, or all at once when
    /// <paramref name="overlapping"/>.</summary>
    public async Task<(EndingCost Ours, EndingCost? Peer)> MeasureAsync(Ending ending, int count, bool overlapping, CancellationToken cancellationToken)
    {
        var batch = overlapping ? "many" : "one";
        var ours = Enumerable.Range(0, count).Select(i => $"cost-{batch}-{ending}-{i:D3}".ToLowerInvariant()).ToList();
        var peer = ending is Ending.Expired or Ending.Paid ? ours.Select(id => "peer-" + id).ToList() : [];
        await Task.WhenAll(ours.Concat(peer).Select(id => stack.Store.AddAsync(Apartment(id), cancellationToken)));
        if (ending == Ending.Rejected)
        {
            await Task.WhenAll(ours.Select(id => stack.Store.ReserveAsync(Apartment(id), "holder-" + id, DateTimeOffset.UtcNow.AddHours(1), cancellationToken)));
        }

        var ourCost = await MeasureBatchAsync(ending, overlapping, stack.Ours.Tally, OurIdlePerSecond, stack.OurHub, ours, id => OurLifecycleAsync(ending, id, cancellationToken), cancellationToken);
        var peerCost = peer.Count == 0
            ? null
            : await MeasureBatchAsync(ending, overlapping, stack.PeerEndpoints.Tally, PeerIdlePerSecond, stack.PeerHub, peer, id => PeerLifecycleAsync(ending, id, cancellationToken), cancellationToken);
        return (ourCost, peerCost);
    }

    private static string Apartment(string reservationId) => "a-" + reservationId;

    private static async Task<EndingCost> MeasureBatchAsync(
        Ending ending,
        bool overlapping,
        RequestTally tally,
        RequestCounts idlePerSecond,
        HubReader hub,
        List<string> ids,
        Func<string, Task<(bool Right, int ApiCalls)>> lifecycle,
        CancellationToken cancellationToken)
    {
        var before = tally.Snapshot();
        var clock = Stopwatch.StartNew();
        var results = new List<(bool Right, int ApiCalls)>();
        if (overlapping)
        {
            results.AddRange(await Task.WhenAll(ids.Select(lifecycle)));
        }
        else
        {
            foreach (var id in ids)
            {
                results.Add(await lifecycle(id));
            }
        }

        await Task.Delay(Settle, cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        var perReservation = (tally.Snapshot() - before).LessIdle(idlePerSecond, seconds).Times(1.0 / ids.Count)
            .Where(kind => !RequestKinds.IsLeaseUpkeep(kind));
        var histories = await Task.WhenAll(ids.Select(id => hub.HistoryOfAsync(id, cancellationToken)));
        return new EndingCost(ending, ids.Count, results.Count(r => !r.Right), seconds, perReservation, HistoryTally.Average(histories), results.Max(r => r.ApiCalls));
    }

    /// <summary>One of our reservations, driven through the API as a client and the payment provider would.</summary>
    private async Task<(bool, int)> OurLifecycleAsync(Ending ending, string id, CancellationToken cancellationToken)
    {
        var window = ending is Ending.Expired or Ending.Rejected ? windowSeconds : LongWindowSeconds;
        var reserved = await api.ReserveAsync(Apartment(id), id, window, cancellationToken);
        var calls = 1;
        if (ending == Ending.Paid)
        {
            await api.PayAsync(id, cancellationToken);
            calls++;
        }
        else if (ending == Ending.Cancelled)
        {
            await api.CancelAsync(id, reserved.Token ?? string.Empty, cancellationToken);
            calls++;
        }

        var ended = await stack.OurHub.WaitForEndAsync(id, cancellationToken);
        var apartment = await stack.Store.GetAsync(Apartment(id), cancellationToken);
        var (status, kept) = ending switch
        {
            Ending.Expired => (ReservationStatus.Expired, ApartmentStatus.Vacant),
            Ending.Paid => (ReservationStatus.Paid, ApartmentStatus.Paid),
            Ending.Cancelled => (ReservationStatus.Cancelled, ApartmentStatus.Vacant),
            _ => (ReservationStatus.Rejected, ApartmentStatus.Reserved),
        };
        return (HubReader.OutputOf<ReservationOutcome>(ended)?.Status == status && apartment?.Status == kept, calls);
    }

    /// <summary>One peer reservation: started as the seed's Lambda starts it; paid, for the paid ending, by writing
    /// <c>paid</c> once the hold is in place.</summary>
    private async Task<(bool, int)> PeerLifecycleAsync(Ending ending, string id, CancellationToken cancellationToken)
    {
        await stack.Peer.StartReservationAsync(id, Apartment(id), TimeSpan.FromSeconds(windowSeconds), cancellationToken);
        if (ending == Ending.Paid)
        {
            while ((await stack.Store.GetAsync(Apartment(id), cancellationToken))?.Status != ApartmentStatus.Reserved)
            {
                await Task.Delay(50, cancellationToken);
            }

            await stack.PeerApartments.SetStatusAsync(new StatusChange(Apartment(id), "paid", OnlyIfExists: false), cancellationToken);
        }

        var ended = await stack.PeerHub.WaitForEndAsync(id, cancellationToken);
        var apartment = await stack.Store.GetAsync(Apartment(id), cancellationToken);
        var (result, kept) = ending == Ending.Paid ? (SeedEnding.Paid, ApartmentStatus.Paid) : (SeedEnding.Expired, ApartmentStatus.Vacant);
        return (ended?.RuntimeStatus == Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed
            && HubReader.OutputOf<SeedEnding?>(ended) == result && apartment?.Status == kept, 1);
    }
}
