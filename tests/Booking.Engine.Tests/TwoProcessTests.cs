using Booking.Core.Apartments;
using Booking.Core.Reservations;
using Booking.Testing;

namespace Booking.Engine.Tests;

/// <summary>Two engine processes on one task hub split its partitions; when one dies the other takes them over.</summary>
[Collection(EmulatorsCollection.Name)]
public sealed class TwoProcessTests(Emulators emulators)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    // Long enough that no window ends before the kill, even on a busy 2-core machine; the test checks that it did not.
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Two_processes_share_the_reservations_and_the_survivor_finishes_those_of_a_killed_one()
    {
        var settings = emulators.Settings(Emulators.NewTaskHub(), Emulators.NewTable());
        settings["Engine:PartitionCount"] = "4";
        await using var client = EngineHost.ClientOnly(settings);
        await client.EnsureTablesAsync();
        await using var one = await EngineProcess.StartAsync(settings, TimeSpan.FromSeconds(60));
        await using var two = await EngineProcess.StartAsync(settings, TimeSpan.FromSeconds(60));

        // Rebalancing moves leases one acquire interval at a time (a third of the lease interval): give it two rounds.
        await Task.Delay(TimeSpan.FromSeconds(8));
        const int count = 24;
        var firstDeadline = DateTimeOffset.UtcNow + Window;
        var ids = Enumerable.Range(0, count).Select(i => $"pair-{i}").ToList();
        foreach (var id in ids)
        {
            await client.Store.AddAsync("apt-" + id);
            await client.Client.StartAsync(id, "apt-" + id, Window);
        }

        foreach (var id in ids)
        {
            await client.Client.PendingPaymentAsync(id, Patience);
        }

        // The processes' output reaches us through pipes, a moment after the work it reports: wait for every line.
        var byOne = EngineProcess.ReservationsWorkedOn(one);
        var byTwo = EngineProcess.ReservationsWorkedOn(two);
        for (var deadline = DateTime.UtcNow.AddSeconds(5); byOne.Union(byTwo).Count() < count && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(100);
            byOne = EngineProcess.ReservationsWorkedOn(one);
            byTwo = EngineProcess.ReservationsWorkedOn(two);
        }

        await one.KillAsync();
        Assert.True(DateTimeOffset.UtcNow < firstDeadline, "The machine was too slow: windows began to end before the kill, so the test proves nothing.");

        foreach (var id in ids)
        {
            var outcome = await client.Client.OutcomeAsync(id, Patience);
            Assert.Equal(ReservationStatus.Expired, outcome.Status);
            Assert.Equal(ApartmentStatus.Vacant, (await client.Store.GetAsync("apt-" + id))!.Status);
        }

        // Activities come from one shared queue, so both processes hold apartments; releases all happen after the kill.
        var releasedByTwo = EngineProcess.ReservationsWorkedOn(two, "release");
        Assert.NotEmpty(byOne);
        Assert.NotEmpty(byTwo);
        Assert.Equal(ids.Order(), byOne.Union(byTwo).Order());
        Assert.Equal(ids.Order(), releasedByTwo.Order());
    }
}
