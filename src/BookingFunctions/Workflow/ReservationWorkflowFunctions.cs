using Booking.Core.Apartments;
using Booking.Core.Reservations;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace BookingFunctions.Workflow;

/// <summary>
/// Function triggers for the shared orchestrator and activities. Microsoft.DurableTask.Generators (which would
/// write these) is not served here, so each is a one-line wrapper; the logic lives in Booking.Core.
/// </summary>
public sealed class ReservationWorkflowFunctions(IApartmentStore store)
{
    [Function(ReservationOrchestrator.Name)]
    public static Task<ReservationOutcome> RunReservationAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ReservationOrchestrator().RunAsync(context, context.GetInput<ReservationRequest>()
            ?? throw new InvalidOperationException("The reservation workflow was started without input."));

    [Function(ReserveApartmentActivity.Name)]
    public Task<TransitionResult> ReserveApartmentAsync([ActivityTrigger] ApartmentHold hold, CancellationToken cancellationToken) =>
        new ReserveApartmentActivity(store).RunAsync(hold, cancellationToken);

    [Function(ConfirmPaymentActivity.Name)]
    public Task<TransitionResult> ConfirmPaymentAsync([ActivityTrigger] ApartmentHold hold, CancellationToken cancellationToken) =>
        new ConfirmPaymentActivity(store).RunAsync(hold, cancellationToken);

    [Function(ReleaseApartmentActivity.Name)]
    public Task<TransitionResult> ReleaseApartmentAsync([ActivityTrigger] ApartmentHold hold, CancellationToken cancellationToken) =>
        new ReleaseApartmentActivity(store).RunAsync(hold, cancellationToken);
}
