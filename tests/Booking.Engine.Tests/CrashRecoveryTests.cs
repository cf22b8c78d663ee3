using Booking.Core.Apartments;
using Booking.Core.Reservations;
using Booking.Testing;

namespace Booking.Engine.Tests;

/// <summary>Kill the engine's process while reservations wait; a new process on the same task hub finishes them.</summary>
[Collection(EmulatorsCollection.Name)]
public sealed class CrashRecoveryTests(Emulators emulators)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Reservations_waiting_when_the_process_is_killed_complete_correctly_after_a_restart()
    {
        var settings = emulators.Settings(Emulators.NewTaskHub(), Emulators.NewTable());

        // The emulators' settings give short leases, so the restarted process takes the partitions over well before
        // the windows end; otherwise a payment and the deadline reach it in one batch in the queue's order.
        await using var client = EngineHost.ClientOnly(settings);
        await client.EnsureTablesAsync();
        var first = await EngineProcess.StartAsync(settings, TimeSpan.FromSeconds(60));
        const int count = 12;
        var ids = Enumerable.Range(0, count).Select(i => $"crash-{i}").ToList();
        foreach (var id in ids)
        {
            await client.Store.AddAsync("apt-" + id);
            await client.Client.StartAsync(id, "apt-" + id, TimeSpan.FromSeconds(25));
        }

        foreach (var id in ids)
        {
            await client.Client.PendingPaymentAsync(id, Patience);
        }

        // SIGKILL: no graceful stop, no lease release, nothing flushed.
        await first.KillAsync();
        await first.DisposeAsync();

        // While no engine runs, half of the clients pay; their events wait in the task hub's queues.
        var payers = ids.Where((_, i) => i % 2 == 0).ToHashSet();
        foreach (var id in payers)
        {
            await client.Client.RaiseEventAsync(id, ReservationEvents.PaymentConfirmed, new PaymentConfirmed(DateTimeOffset.UtcNow));
        }

        await using var second = await EngineProcess.StartAsync(settings, TimeSpan.FromSeconds(60));
        foreach (var id in ids)
        {
            var outcome = await client.Client.OutcomeAsync(id, Patience);
            var apartment = await client.Store.GetAsync("apt-" + id);
            if (payers.Contains(id))
            {
                Assert.Equal(ReservationStatus.Paid, outcome.Status);
                Assert.Equal(ApartmentStatus.Paid, apartment!.Status);
            }
            else
            {
                Assert.Equal(ReservationStatus.Expired, outcome.Status);
                Assert.Equal(ApartmentStatus.Vacant, apartment!.Status);
            }
        }
    }
}
