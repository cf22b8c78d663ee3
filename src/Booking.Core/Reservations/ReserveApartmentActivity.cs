using Booking.Core.Apartments;
using Booking.Core.Records;
using Microsoft.DurableTask;

namespace Booking.Core.Reservations;

/// <summary>
/// The seed's "Change Apartment Status": vacant → reserved for this reservation, then the record says so. Both writes
/// are idempotent for this reservation, so a retry after a crash between them completes the second. A refusal is a
/// result, never thrown, so it is never retried.
/// </summary>
[DurableTask(Name)]
public sealed class ReserveApartmentActivity(IApartmentStore apartments, IReservationStore records) : TaskActivity<ApartmentHold, ReservationDecision>
{
    public const string Name = "ReserveApartment";

    public override Task<ReservationDecision> RunAsync(TaskActivityContext context, ApartmentHold input) => RunAsync(input, CancellationToken.None);

    /// <summary>The activity's work, callable by hosts that trigger activities themselves (the Function App).</summary>
    public async Task<ReservationDecision> RunAsync(ApartmentHold hold, CancellationToken cancellationToken)
    {
        var reserved = await apartments.ReserveAsync(hold.ApartmentId, hold.ReservationId, hold.Deadline, cancellationToken);
        if (!reserved.Applied)
        {
            var refusal = reserved.Outcome == TransitionOutcome.NotFound
                ? ReservationDecision.NoSuchApartment(hold.ApartmentId)
                : new ReservationDecision(ReservationStatus.Rejected, ReservationErrorCode.ApartmentNotVacant, $"Apartment '{hold.ApartmentId}' is not vacant.");
            return (await records.EndAsync(hold.ReservationId, hold.ApartmentId, refusal, cancellationToken)).Decision;
        }

        var record = await records.HoldAsync(hold.ReservationId, hold.ApartmentId, hold.Deadline, cancellationToken);
        if (record.IsFinal)
        {
            // The reservation ended before this hold (a retry of an attempt that was refused, or the sweeper gave up on
            // a start that stalled): an ended reservation must not keep the apartment.
            await apartments.ReleaseAsync(hold.ApartmentId, hold.ReservationId, cancellationToken);
        }

        return record.Decision;
    }
}
