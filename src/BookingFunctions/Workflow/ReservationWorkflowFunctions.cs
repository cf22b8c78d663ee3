using Booking.Core.Apartments;
using Booking.Core.Records;
using Booking.Core.Reservations;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace BookingFunctions.Workflow;

/// <summary>
/// Function triggers for the shared orchestrator and activities. Microsoft.DurableTask.Generators (which would
/// write these) is not served here, so each is a one-line wrapper; the logic lives in Booking.Core.
/// </summary>
public sealed class ReservationWorkflowFunctions(IApartmentStore apartments, IReservationStore records)
{
    [Function(ReservationOrchestrator.Name)]
    public static Task<ReservationOutcome> RunReservationAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ReservationOrchestrator().RunAsync(context, context.GetInput<ReservationRequest>()
            ?? throw new InvalidOperationException("The reservation workflow was started without input."));

    [Function(ReserveApartmentActivity.Name)]
    public Task<ReservationDecision> ReserveApartmentAsync([ActivityTrigger] ApartmentHold hold, CancellationToken cancellationToken) =>
        new ReserveApartmentActivity(apartments, records).RunAsync(hold, cancellationToken);

    [Function(ConfirmPaymentActivity.Name)]
    public Task<ReservationDecision> ConfirmPaymentAsync([ActivityTrigger] ApartmentHold hold, CancellationToken cancellationToken) =>
        new ConfirmPaymentActivity(apartments, records).RunAsync(hold, cancellationToken);

    [Function(ReleaseApartmentActivity.Name)]
    public Task<ReservationDecision> ReleaseApartmentAsync([ActivityTrigger] ReleaseHold release, CancellationToken cancellationToken) =>
        new ReleaseApartmentActivity(apartments, records).RunAsync(release, cancellationToken);
}
