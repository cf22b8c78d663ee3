using Booking.Core.Apartments;
using Microsoft.DurableTask;

namespace Booking.Core.Reservations;

/// <summary>reserved → paid, only while this reservation holds the apartment.</summary>
[DurableTask(Name)]
public sealed class ConfirmPaymentActivity(IApartmentStore store) : TaskActivity<ApartmentHold, TransitionResult>
{
    public const string Name = "ConfirmPayment";

    public override Task<TransitionResult> RunAsync(TaskActivityContext context, ApartmentHold input) => RunAsync(input, CancellationToken.None);

    /// <summary>The activity's work, callable by hosts that trigger activities themselves (the Function App).</summary>
    public Task<TransitionResult> RunAsync(ApartmentHold input, CancellationToken cancellationToken) =>
        store.ConfirmPaymentAsync(input.ApartmentId, input.ReservationId, cancellationToken);
}
