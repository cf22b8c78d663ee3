using Booking.Core.Configuration;
using Booking.Core.Reservations;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Booking.LocalHost.Sweeping;

/// <summary>The local host's counterpart of the Function App's timer: sweeps orphaned holds on the same
/// <c>Reservation:SweepSchedule</c>.</summary>
public sealed class OrphanedHoldSweepService(
    OrphanedHoldSweeper sweeper,
    DurableTaskClient client,
    IOptions<ReservationOptions> options,
    TimeProvider clock,
    ILogger<OrphanedHoldSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Validated at start-up, so the expression parses.
        var schedule = options.Value.ParseSweepSchedule()!;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await Task.Delay(schedule.GetNextOccurrence(now) - now, clock, stoppingToken);
            try
            {
                await sweeper.SweepAsync(client, stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // A store outage must not stop the host; the next occurrence tries again.
                logger.LogWarning(error, "Sweeping orphaned holds failed; retrying at the next occurrence of {Schedule}", options.Value.SweepSchedule);
            }
        }
    }
}
