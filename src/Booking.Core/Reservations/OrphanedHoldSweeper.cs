using Booking.Core.Apartments;
using Booking.Core.Configuration;
using Booking.Core.Records;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Booking.Core.Reservations;

/// <summary>
/// Ends reservations whose workflow is gone (failed, terminated, lost with its task hub, or never started): records not
/// ended yet whose hold should have ended a grace period ago. A reservation whose workflow still runs is left to it;
/// the apartment's release is conditional, so a paid or re-booked apartment is never touched, and a hold not yet past
/// its own deadline is left for a later sweep.
/// </summary>
public sealed class OrphanedHoldSweeper(
    IApartmentStore apartments,
    IReservationStore records,
    IOptions<ReservationOptions> options,
    TimeProvider clock,
    ILogger<OrphanedHoldSweeper> logger)
{
    // Records looked at per sweep: a backlog drains over several sweeps instead of one unbounded run.
    private const int BatchSize = 100;

    /// <summary>Sweeps once; returns how many reservations it ended.</summary>
    public async Task<int> SweepAsync(DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow() - options.Value.SweepGracePeriod;
        var ended = 0;
        foreach (var reservationId in await records.ListOpenBeforeAsync(cutoff, BatchSize, cancellationToken))
        {
            if (await IsWorkflowAliveAsync(client, reservationId, cancellationToken)
                || await records.GetAsync(reservationId, cancellationToken) is not { IsFinal: false } record
                || await EndingOfAsync(record, cutoff, cancellationToken) is not { } ending)
            {
                continue;
            }

            await records.EndAsync(reservationId, record.ApartmentId, ending, cancellationToken);
            ended++;
            logger.LogWarning(
                "Ended reservation {ReservationId} of apartment {ApartmentId} as {Status}: its workflow was gone",
                reservationId,
                record.ApartmentId,
                ending.Status);
        }

        return ended;
    }

    /// <summary>How the reservation ends, after releasing its hold; null while the apartment is still held by it but
    /// not yet past the cutoff.</summary>
    private async Task<ReservationDecision?> EndingOfAsync(ReservationRecord record, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var released = await apartments.ReleaseExpiredHoldAsync(record.ApartmentId, record.Id, cutoff, cancellationToken);
        const string why = "The reservation workflow stopped before it reached an outcome";
        return released switch
        {
            { Applied: true } => new ReservationDecision(ReservationStatus.Expired, ReservationErrorCode.WorkflowFailed, $"{why}; the hold was released after its deadline."),
            { Apartment: { Status: ApartmentStatus.Paid } paid } when paid.ReservationId == record.Id => new ReservationDecision(ReservationStatus.Paid),
            { Apartment: { Status: ApartmentStatus.Reserved } held } when held.ReservationId == record.Id => null,
            _ => new ReservationDecision(ReservationStatus.Failed, ReservationErrorCode.WorkflowFailed, $"{why}."),
        };
    }

    private static async Task<bool> IsWorkflowAliveAsync(DurableTaskClient client, string reservationId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(reservationId, getInputsAndOutputs: false, cancellationToken);
        return instance?.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended;
    }
}
