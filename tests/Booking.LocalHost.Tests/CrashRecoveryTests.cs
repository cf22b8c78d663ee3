using System.Diagnostics;
using Booking.Testing;
using Xunit.Abstractions;

namespace Booking.LocalHost.Tests;

/// <summary>End to end: SIGKILL the local host while reservations wait and payments are in flight; the
/// host started again on the same task hub, table and emulators ends every reservation correctly.</summary>
[Collection(EmulatorsCollection.Name)]
public sealed class CrashRecoveryTests(Emulators emulators, ITestOutputHelper log)
{
    private const int Count = 20;

    // Long enough to reserve all and pay half before the kill on a busy machine, short enough to keep the test short.
    private const int WindowSeconds = 30;

    [Fact]
    public async Task Reservations_waiting_when_the_host_is_killed_end_correctly_after_it_starts_again()
    {
        var environment = emulators.HostEnvironment();

        // confirmPayment answers without waiting for the outcome, so payments are still being processed at the kill.
        environment["Reservation__HoldDecisionTimeout"] = "00:00:00.200";
        await using var host = await LocalHostProcess.StartAsync(environment);
        var table = await Emulators.TableOf(environment, emulators.Dynalite);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var ids = Enumerable.Range(0, Count).Select(i => $"crash-{suffix}-{i:00}").ToList();
        foreach (var id in ids)
        {
            await host.AddApartmentAsync("apt-" + id);
            await host.ReserveAsync("apt-" + id, id, WindowSeconds);
        }

        var setupDeadline = DateTime.UtcNow + TimeSpan.FromSeconds(WindowSeconds);
        foreach (var id in ids)
        {
            await host.WaitForStatusAsync(id, status => status == BookingApi.PendingPayment, setupDeadline);
        }

        var payers = ids.Where((_, i) => i % 2 == 0).ToHashSet();
        var paidBeforeKill = 0;
        foreach (var id in payers)
        {
            var status = (await host.ConfirmPaymentAsync(id)).GetProperty("status").GetString();
            Assert.True(status is BookingApi.PendingPayment or BookingApi.Paid, $"{id} was {status} when paid for; the window is too short for this machine.");
            paidBeforeKill += status == BookingApi.Paid ? 1 : 0;
        }

        var firstProcess = host.ProcessId;
        await host.KillAsync();
        var sinceKill = Stopwatch.StartNew();

        var restart = await host.RestartAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(WindowSeconds + 60);
        var outcomes = new Dictionary<string, string>();
        foreach (var id in ids.OrderBy(id => payers.Contains(id) ? 0 : 1))
        {
            outcomes[id] = await host.WaitForFinalStatusAsync(id, deadline);
            if (outcomes.Count == payers.Count)
            {
                log.WriteLine($"Payments: {paidBeforeKill}/{payers.Count} PAID before the kill; all {payers.Count} PAID {sinceKill.Elapsed.TotalSeconds:0.0} s after it.");
            }
        }

        log.WriteLine($"{Count} reservations; restart answered {restart.TotalSeconds:0.0} s after the kill; all final {sinceKill.Elapsed.TotalSeconds:0.0} s after it.");
        Assert.NotEqual(firstProcess, host.ProcessId);
        await Outcomes.AssertPaidOrExpiredAsync(table, outcomes, payers);
    }
}
