using Booking.Core.Records;
using Microsoft.DurableTask;

namespace Booking.Core.Reservations;

/// <summary>
/// The seed's "Payment Wasn't Made, revert", answering "Has Client Made Payment?" itself: reserved → vacant only while
/// this reservation holds the apartment, so a refusal shows the apartment as it is — paid by this reservation (kept),
/// or no longer its own (never touched). Then the record ends as the release decided.
/// </summary>
[DurableTask(Name)]
public sealed class ReleaseApartmentActivity(Apartments.IApartmentStore apartments, IReservationStore records) : TaskActivity<ReleaseHold, ReservationDecision>
{
    public const string Name = "ReleaseApartment";

    public override Task<ReservationDecision> RunAsync(TaskActivityContext context, ReleaseHold input) => RunAsync(input, CancellationToken.None);

    /// <summary>The activity's work, callable by hosts that trigger activities themselves (the Function App).</summary>
    public async Task<ReservationDecision> RunAsync(ReleaseHold release, CancellationToken cancellationToken)
    {
        var hold = release.Hold;
        var released = await apartments.ReleaseAsync(hold.ApartmentId, hold.ReservationId, cancellationToken);
        var what = release.Ending == ReservationStatus.Cancelled ? "Cancellation arrived" : "The payment window ended";
        var ending = released.Applied
            ? new ReservationDecision(release.Ending)
            : ReservationDecision.AfterRefusal(released, hold, release.Ending, what);
        return (await records.EndAsync(hold.ReservationId, hold.ApartmentId, ending, cancellationToken)).Decision;
    }
}
