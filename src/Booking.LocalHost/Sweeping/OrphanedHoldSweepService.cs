using Booking.Core.Configuration;
using Booking.Core.Reservations;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Booking.LocalHost.Sweeping;

/// <summary>The local host's counterpart of the Function App's timer: sweeps orphaned holds every SweepInterval.</summary>
public sealed class OrphanedHoldSweepService(
    OrphanedHoldSweeper sweeper,
    DurableTaskClient client,
    IOptions<ReservationOptions> options,
    ILogger<OrphanedHoldSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await sweeper.SweepAsync(client, stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // A store outage must not stop the host; the next tick tries again.
                logger.LogWarning(error, "Sweeping orphaned holds failed; retrying in {Interval}", options.Value.SweepInterval);
            }
        }
    }
}
