using System.Diagnostics;
using Booking.Core.Apartments;
using Xunit.Abstractions;

namespace BookingFunctions.Tests;

/// <summary>The Function App scaled out to several real Functions hosts on one task hub and one table: clients spread
/// their requests over the hosts, and a host that dies has its reservations finished by the others.</summary>
[Trait(FunctionsHostCategory.Name, FunctionsHostCategory.Value)]
public sealed class FunctionAppScaleOutTests(FunctionAppClusterFixture cluster, ITestOutputHelper log) : IClassFixture<FunctionAppClusterFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Reserves_of_one_apartment_racing_through_different_hosts_have_exactly_one_winner()
    {
        var hosts = cluster.Running;
        var apartmentId = "apt-race-" + Guid.NewGuid().ToString("N")[..8];
        await cluster.Table.AddAsync(apartmentId);
        var contenders = Enumerable.Range(0, 6).Select(i => $"{apartmentId}-{i}").ToList();

        await Task.WhenAll(contenders.Select((id, i) => hosts[i % hosts.Count].ReserveAsync(apartmentId, id, paymentWindowSeconds: 60)));
        var outcomes = new Dictionary<string, string>();
        foreach (var (id, i) in contenders.Select((id, i) => (id, i)))
        {
            outcomes[id] = await hosts[(i + 1) % hosts.Count].WaitForStatusAsync(id, s => s is BookingApi.PendingPayment or BookingApi.Rejected, DateTime.UtcNow + Patience);
        }

        var winner = Assert.Single(outcomes, o => o.Value == BookingApi.PendingPayment).Key;
        Assert.All(outcomes.Where(o => o.Key != winner), o => Assert.Equal(BookingApi.Rejected, o.Value));
        var held = await cluster.Table.GetAsync(apartmentId);
        Assert.Equal((ApartmentStatus.Reserved, winner), (held?.Status, held?.ReservationId));

        var other = hosts[(contenders.IndexOf(winner) + 1) % hosts.Count];
        await other.CancelAsync(winner);
        Assert.Equal(BookingApi.Cancelled, await other.WaitForFinalStatusAsync(winner, DateTime.UtcNow + Patience));
        Assert.Equal(ApartmentStatus.Vacant, (await cluster.Table.GetAsync(apartmentId))?.Status);
    }

    [Fact]
    public async Task Payments_cancellations_and_expiries_sent_to_another_host_than_the_reserve_end_correctly()
    {
        var hosts = cluster.Running;
        var plan = NewPlan("cross", 6);
        foreach (var (id, i) in plan.Select((p, i) => (p.Key, i)))
        {
            await cluster.Table.AddAsync("apt-" + id);
            var window = plan[id] == BookingApi.Expired ? 6 : 60;
            await hosts[i % hosts.Count].ReserveAsync("apt-" + id, id, window);
        }

        foreach (var (id, i) in plan.Select((p, i) => (p.Key, i)))
        {
            var other = hosts[(i + 1) % hosts.Count];
            await other.WaitForStatusAsync(id, s => s == BookingApi.PendingPayment || BookingApi.IsFinal(s), DateTime.UtcNow + Patience);
            await ActAsync(other, id, plan[id]);
        }

        var ended = await WaitForEndingsAsync(hosts[^1], plan.Keys, DateTime.UtcNow + Patience, Stopwatch.StartNew());

        Assert.Equal(plan, ended.ToDictionary(e => e.Key, e => e.Value.Status));
        await AssertRecordsAndApartmentsAgreeAsync(ended);
        log.WriteLine($"{plan.Count} reservations over {hosts.Count} hosts; every payment and cancellation went through another host than the reserve; {CrossedHosts(plan.Keys, hosts)} workflows ran on another host than the one that took the reserve.");
    }

    [Fact]
    public async Task A_host_killed_mid_window_has_its_reservations_finished_by_the_others_after_its_leases_lapse()
    {
        var hosts = cluster.Running;
        Assert.Equal(FunctionAppClusterFixture.Size, hosts.Count);
        var victimIndex = hosts.Count - 1;
        var victim = hosts[victimIndex];
        var survivors = hosts.Take(victimIndex).ToList();
        await cluster.WaitUntilPartitionsAreSharedAsync([.. Enumerable.Range(0, hosts.Count)], Patience);

        // Long enough that every window is still open at the kill on a busy machine; the test checks that it is.
        const int windowSeconds = 50;
        var plan = NewPlan("kill", 18);
        foreach (var id in plan.Keys)
        {
            await cluster.Table.AddAsync("apt-" + id);
        }

        var reservedAt = DateTime.UtcNow;
        await Task.WhenAll(hosts.Select((host, h) => Task.Run(async () =>
        {
            foreach (var id in plan.Keys.Where((_, i) => i % hosts.Count == h))
            {
                await host.ReserveAsync("apt-" + id, id, windowSeconds);
            }
        })));

        foreach (var id in plan.Keys)
        {
            await survivors[0].WaitForStatusAsync(id, s => s == BookingApi.PendingPayment, DateTime.UtcNow + Patience);
        }

        var ranByVictim = await WorkflowsReportedAsync(victim, plan.Keys);
        Assert.True(ranByVictim.Count > 0, "The host to be killed ran none of the reservations, so the test would prove nothing.");
        var owners = await cluster.PartitionOwnersAsync();

        await victim.KillAsync();
        var sinceKill = Stopwatch.StartNew();
        Assert.True(DateTime.UtcNow < reservedAt.AddSeconds(windowSeconds), "The machine was too slow: windows began to end before the kill, so the test proves nothing.");

        // Payments and cancellations reach the survivors; those for the dead host's partitions wait in its queues.
        foreach (var (id, i) in plan.Select((p, i) => (p.Key, i)))
        {
            await ActAsync(survivors[i % survivors.Count], id, plan[id]);
        }

        var ended = await WaitForEndingsAsync(survivors[0], plan.Keys, reservedAt.AddSeconds(windowSeconds) + Patience, sinceKill);
        var takeover = ranByVictim.Where(ended.ContainsKey).Select(id => ended[id].Seen).DefaultIfEmpty().Min();

        log.WriteLine($"{hosts.Count} hosts, task hub partitions {string.Join(", ", owners.OrderBy(o => o.Key).Select(o => o.Value))}.");
        log.WriteLine($"{plan.Count} reservations; {CrossedHosts(plan.Keys, hosts)} workflows ran on another host than the one that took the reserve; every payment and cancellation went through another host than the reserve.");
        log.WriteLine($"Killed {FunctionAppClusterFixture.WorkerIdOf(victimIndex)} {(DateTime.UtcNow - sinceKill.Elapsed - reservedAt).TotalSeconds:0.0} s after the first reserve, with {ranByVictim.Count} of the reservations' workflows on it.");
        log.WriteLine($"First of those to end after the kill: {takeover.TotalSeconds:0.0} s after it; all {plan.Count} ended {sinceKill.Elapsed.TotalSeconds:0.0} s after it.");
        log.WriteLine("Outcomes: " + string.Join(", ", ended.GroupBy(e => e.Value.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")) + $"; stuck {plan.Count - ended.Count}.");

        Assert.Equal(plan, ended.ToDictionary(e => e.Key, e => e.Value.Status));
        var doubleBooked = await AssertRecordsAndApartmentsAgreeAsync(ended);
        log.WriteLine($"Double-booked: {doubleBooked}.");
    }

    /// <summary>Reservations named by <paramref name="prefix"/>, each with the ending the test drives it to, in turn.</summary>
    private static Dictionary<string, string> NewPlan(string prefix, int count)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        string[] endings = [BookingApi.Paid, BookingApi.Cancelled, BookingApi.Expired];
        return Enumerable.Range(0, count).ToDictionary(i => $"{prefix}-{suffix}-{i:00}", i => endings[i % endings.Length]);
    }

    private static async Task ActAsync(IBookingHost host, string id, string ending)
    {
        if (ending == BookingApi.Paid)
        {
            await host.ConfirmPaymentAsync(id);
        }
        else if (ending == BookingApi.Cancelled)
        {
            await host.CancelAsync(id);
        }
    }

    /// <summary>Polls the records until every reservation has ended or the deadline passes; each ending comes with
    /// when it was first seen on <paramref name="clock"/>.</summary>
    private static async Task<Dictionary<string, (string Status, TimeSpan Seen)>> WaitForEndingsAsync(IBookingHost host, IEnumerable<string> ids, DateTime deadline, Stopwatch clock)
    {
        var open = ids.ToList();
        var ended = new Dictionary<string, (string, TimeSpan)>();
        while (open.Count > 0 && DateTime.UtcNow < deadline)
        {
            foreach (var id in open.ToList())
            {
                if (await host.ReservationStatusAsync(id) is { } status && BookingApi.IsFinal(status))
                {
                    ended[id] = (status, clock.Elapsed);
                    open.Remove(id);
                }
            }

            await Task.Delay(PollInterval);
        }

        return ended;
    }

    /// <summary>The hosts report the workflows they ran a moment after running them: waits until some host has
    /// reported every reservation, then returns those <paramref name="host"/> ran.</summary>
    private async Task<IReadOnlySet<string>> WorkflowsReportedAsync(FunctionsHostProcess host, IReadOnlyCollection<string> ids)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            var reported = cluster.Hosts.SelectMany(FunctionAppClusterFixture.WorkflowsRunBy).ToHashSet();
            if (ids.All(reported.Contains))
            {
                break;
            }
        }

        return FunctionAppClusterFixture.WorkflowsRunBy(host).Intersect(ids).ToHashSet();
    }

    /// <summary>How many of <paramref name="ids"/> had their workflow started by a host other than the one their
    /// reserve was sent to (reserves went round-robin over <paramref name="hosts"/>).</summary>
    private static int CrossedHosts(IEnumerable<string> ids, IReadOnlyList<FunctionsHostProcess> hosts) =>
        ids.Select((id, i) => !FunctionAppClusterFixture.WorkflowsRunBy(hosts[i % hosts.Count]).Contains(id)).Count(crossed => crossed);

    /// <summary>Every reservation's record and its apartment tell the same story: PAID holds it paid, every other
    /// ending leaves it to nobody; returns how many apartments were double-booked (none, or this fails).</summary>
    private async Task<int> AssertRecordsAndApartmentsAgreeAsync(IReadOnlyDictionary<string, (string Status, TimeSpan Seen)> ended)
    {
        var doubleBooked = 0;
        foreach (var (id, (status, _)) in ended)
        {
            var apartment = await cluster.Table.GetAsync("apt-" + id);
            var agrees = status == BookingApi.Paid
                ? apartment is { Status: ApartmentStatus.Paid } && apartment.ReservationId == id
                : apartment is { Status: ApartmentStatus.Vacant, ReservationId: null };
            doubleBooked += apartment?.ReservationId is { } holder && holder != id ? 1 : 0;
            Assert.True(agrees, $"{id} ended {status} but its apartment is {apartment?.Status} held by {apartment?.ReservationId ?? "nobody"}.");
        }

        return doubleBooked;
    }
}
