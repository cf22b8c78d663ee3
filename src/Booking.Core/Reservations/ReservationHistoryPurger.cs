using Booking.Core.Configuration;
using Booking.Core.Records;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Booking.Core.Reservations;

/// <summary>
/// Purges the task hub's history of workflows that ended more than <see cref="ReservationOptions.HistoryRetention"/>
/// ago, in bounded batches. Only a workflow whose record has ended is purged, so a purge never loses a booking: every
/// read comes from the records.
/// </summary>
public sealed class ReservationHistoryPurger(
    IReservationStore records,
    IOptions<ReservationOptions> options,
    TimeProvider clock,
    ILogger<ReservationHistoryPurger> logger)
{
    // Per run: enough to keep up with a busy day on an hourly schedule, small enough to finish well within a
    // function's time limit; what is left waits for the next run.
    private const int MaxPurgedPerRun = 500;
    private const int MaxExaminedPerRun = 2000;

    /// <summary>Purges once; returns how many workflow histories it purged.</summary>
    public async Task<int> PurgeAsync(DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        var retention = options.Value.HistoryRetention;
        if (retention <= TimeSpan.Zero)
        {
            return 0;
        }

        // A workflow ends after it was created, so one that ended before the cutoff was also created before it.
        var cutoff = clock.GetUtcNow() - retention;
        var query = new OrchestrationQuery
        {
            CreatedTo = cutoff,
            Statuses = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated],
            PageSize = 100,
            FetchInputsAndOutputs = false,
        };
        var (examined, purged) = (0, 0);
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (++examined > MaxExaminedPerRun || purged >= MaxPurgedPerRun)
            {
                break;
            }

            if (instance.LastUpdatedAt < cutoff
                && await records.GetAsync(instance.InstanceId, cancellationToken) is { IsFinal: true })
            {
                await client.PurgeInstanceAsync(instance.InstanceId, cancellation: cancellationToken);
                purged++;
            }
        }

        if (purged > 0)
        {
            logger.LogInformation("Purged the workflow history of {Count} reservations that ended before {Cutoff:O}", purged, cutoff);
        }

        return purged;
    }
}
