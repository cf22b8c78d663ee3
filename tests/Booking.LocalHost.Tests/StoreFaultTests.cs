using Booking.Core.Apartments;
using Booking.Testing;
using Booking.Testing.Hosts;
using Xunit.Abstractions;

namespace Booking.LocalHost.Tests;

/// <summary>End to end: the store goes down for seconds in the middle of a batch of reservations; requests that need
/// it are refused as retryable, and the workflow's activity retries carry every reservation to a final state that the
/// table agrees with.</summary>
[Collection(EmulatorsCollection.Name)]
public sealed class StoreFaultTests(Emulators emulators, ITestOutputHelper log)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task Reservations_in_flight_while_the_store_is_down_all_end_in_a_state_the_table_agrees_with()
    {
        // A store of its own, on disk, so stopping it loses nothing and no other test sees the outage.
        var dynalite = DynaliteProcess.OnDisk();
        await dynalite.InitializeAsync();
        try
        {
            await RunBatchThroughAnOutageAsync(dynalite);
        }
        finally
        {
            await dynalite.DisposeAsync();
        }
    }

    private async Task RunBatchThroughAnOutageAsync(DynaliteProcess dynalite)
    {
        var environment = emulators.HostEnvironment(dynalite: dynalite);
        environment["Reservation__HoldDecisionTimeout"] = "00:00:01";
        await using var host = await LocalHostProcess.StartAsync(environment, keptLines: 100_000);
        var table = await Emulators.TableOf(environment, dynalite);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        string Id(string group, int i) => $"fault-{suffix}-{group}{i}";
        var expiringBefore = Enumerable.Range(0, 4).Select(i => Id("a", i)).ToList();
        var paidDuring = Enumerable.Range(0, 2).Select(i => Id("p", i)).ToList();
        var startedDuring = Enumerable.Range(0, 4).Select(i => Id("d", i)).ToList();
        var startedAfter = Enumerable.Range(0, 2).Select(i => Id("z", i)).ToList();
        foreach (var id in expiringBefore.Concat(paidDuring).Concat(startedDuring).Concat(startedAfter))
        {
            await host.AddApartmentAsync("apt-" + id);
        }

        foreach (var id in expiringBefore)
        {
            await host.ReserveAsync("apt-" + id, id, paymentWindowSeconds: 3);
        }

        foreach (var id in paidDuring)
        {
            await host.ReserveAsync("apt-" + id, id, paymentWindowSeconds: 120);
        }

        // The outage: the first windows end while the store is down. New reservations and payments cannot be taken
        // without the store that keeps them, so they are refused as retryable, and the clients retry afterwards.
        await dynalite.StopAsync();
        var outageEnds = DateTime.UtcNow + Outage;
        var refused = new List<string>();
        foreach (var id in startedDuring)
        {
            refused.Add((await host.TryReserveAsync("apt-" + id, id, paymentWindowSeconds: 3)).ErrorCode);
        }

        foreach (var id in paidDuring)
        {
            refused.Add((await host.PostAsync("mutation($id: ID!) { confirmPayment(reservationId: $id) { status } }", new { id })).ErrorCode);
        }

        await Task.Delay(outageEnds - DateTime.UtcNow is { Ticks: > 0 } rest ? rest : TimeSpan.Zero);
        await dynalite.StartAsync();
        foreach (var id in startedDuring)
        {
            await host.ReserveAsync("apt-" + id, id, paymentWindowSeconds: 3);
        }

        foreach (var id in paidDuring)
        {
            await host.ConfirmPaymentAsync(id);
        }

        foreach (var id in startedAfter)
        {
            await host.ReserveAsync("apt-" + id, id, paymentWindowSeconds: 2);
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        var all = expiringBefore.Concat(paidDuring).Concat(startedDuring).Concat(startedAfter).ToList();
        var outcomes = new Dictionary<string, string>();
        foreach (var id in all)
        {
            outcomes[id] = await host.WaitForFinalStatusAsync(id, deadline);
        }

        var faults = FailedActivityAttempts(host.Output, $"fault-{suffix}-");
        log.WriteLine($"{all.Count} reservations, store down {Outage.TotalSeconds:0} s, {refused.Count} requests refused during it; "
            + $"{faults} failed store calls (activity attempts) survived.");
        Assert.All(refused, code => Assert.Equal("SERVICE_UNAVAILABLE", code));
        Assert.True(faults > 0, "The outage interrupted no store call, so this test proved nothing.");
        await Outcomes.AssertPaidOrExpiredAsync(table, outcomes, paidDuring.ToHashSet());

        Assert.DoesNotContain((await table.ListAsync(1000)).Items, apartment => apartment.Status == ApartmentStatus.Reserved);
    }

    /// <summary>Activity attempts that failed, from the SDK worker's log line "'Name' activity of orchestration ID
    /// 'id' failed."; each was retried, since every reservation reached its outcome.</summary>
    private static int FailedActivityAttempts(string output, string idPrefix) => output
        .Split('\n')
        .Count(line => line.Contains($"activity of orchestration ID '{idPrefix}", StringComparison.Ordinal) && line.TrimEnd().EndsWith("' failed.", StringComparison.Ordinal));
}
