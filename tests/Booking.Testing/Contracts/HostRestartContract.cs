using System.Diagnostics;
using Booking.Core.Apartments;
using Booking.Testing.Hosts;
using Xunit;
using Xunit.Abstractions;

namespace Booking.Testing.Contracts;

/// <summary>
/// SIGKILL a host while reservations wait and payments are in flight; the host started again on the same task hub,
/// table and emulators ends every reservation correctly. Each host's subclass says how to start it.
/// </summary>
public abstract class HostRestartContract(ITestOutputHelper log)
{
    /// <summary>How many reservations wait at the kill.</summary>
    protected virtual int Count => 20;

    /// <summary>Long enough to reserve all and pay half before the kill on a busy machine, short enough to keep the
    /// test short.</summary>
    protected virtual int WindowSeconds => 30;

    /// <summary>How long after the restart every reservation must have ended, beyond its window.</summary>
    protected virtual TimeSpan RecoveryAllowance => TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Reservations_waiting_when_the_host_is_killed_end_correctly_after_it_starts_again()
    {
        // confirmPayment answers without waiting for the outcome, so payments are still being processed at the kill.
        var (host, table) = await StartAsync(new Dictionary<string, string?> { ["Reservation__HoldDecisionTimeout"] = "00:00:00.200" });
        await using var _ = host;
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
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(WindowSeconds) + RecoveryAllowance;
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

    /// <summary>Starts the host on a new task hub and table with <paramref name="settings"/> added to its
    /// environment; the caller disposes it.</summary>
    protected abstract Task<(IBookingHost Host, DynamoDbApartmentStore Table)> StartAsync(IDictionary<string, string?> settings);
}
