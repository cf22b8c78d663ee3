using Booking.Core.Records;
using Microsoft.DurableTask;

namespace Booking.Core.Reservations;

/// <summary>reserved → paid, only while this reservation holds the apartment; then the record ends PAID (or says why
/// not).</summary>
[DurableTask(Name)]
public sealed class ConfirmPaymentActivity(Apartments.IApartmentStore apartments, IReservationStore records) : TaskActivity<ApartmentHold, ReservationDecision>
{
    public const string Name = "ConfirmPayment";

    public override Task<ReservationDecision> RunAsync(TaskActivityContext context, ApartmentHold input) => RunAsync(input, CancellationToken.None);

    /// <summary>The activity's work, callable by hosts that trigger activities themselves (the Function App).</summary>
    public async Task<ReservationDecision> RunAsync(ApartmentHold hold, CancellationToken cancellationToken)
    {
        var confirmed = await apartments.ConfirmPaymentAsync(hold.ApartmentId, hold.ReservationId, cancellationToken);
        var ending = confirmed.Applied
            ? new ReservationDecision(ReservationStatus.Paid)
            : ReservationDecision.AfterRefusal(confirmed, hold, ReservationStatus.Expired, "Payment arrived");
        return (await records.EndAsync(hold.ReservationId, hold.ApartmentId, ending, cancellationToken)).Decision;
    }
}
