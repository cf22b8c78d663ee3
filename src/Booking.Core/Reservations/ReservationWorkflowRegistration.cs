using Microsoft.DurableTask;

namespace Booking.Core.Reservations;

/// <summary>The one list of the workflow's orchestrator and activities, for every host that runs them.</summary>
public static class ReservationWorkflowRegistration
{
    public static DurableTaskRegistry AddReservationWorkflow(this DurableTaskRegistry registry) => registry
        .AddOrchestrator<ReservationOrchestrator>()
        .AddActivity<ReserveApartmentActivity>()
        .AddActivity<ConfirmPaymentActivity>()
        .AddActivity<ReleaseApartmentActivity>();
}
