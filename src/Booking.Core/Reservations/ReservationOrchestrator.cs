using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Booking.Core.Reservations;

/// <summary>
/// The seed's state machine, corrected: hold the apartment conditionally, wait for payment, cancellation or the
/// deadline, then keep or release it, only ever touching an apartment this reservation holds. Each activity also
/// writes the reservation's record, so the record tells where the reservation stands. Deterministic: time comes from
/// the context and all I/O is in activities.
/// </summary>
[DurableTask(Name)]
public sealed class ReservationOrchestrator : TaskOrchestrator<ReservationRequest, ReservationOutcome>
{
    public const string Name = nameof(ReservationOrchestrator);

    public override async Task<ReservationOutcome> RunAsync(TaskOrchestrationContext context, ReservationRequest request)
    {
        var logger = context.CreateReplaySafeLogger<ReservationOrchestrator>();
        var requestedAt = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
        var hold = new ApartmentHold(request.ApartmentId, request.ReservationId, requestedAt + request.PaymentWindow);

        // Change Apartment Status: vacant → reserved for this reservation; or REJECTED, or the seed's Fail state.
        var held = await context.CallActivityAsync<ReservationDecision>(ReserveApartmentActivity.Name, hold, ActivityRetry.Policy);
        if (held.IsFinal)
        {
            return Finish(held);
        }

        context.SetCustomStatus(new ReservationProgress(ReservationStatus.PendingPayment, request.ApartmentId, hold.Deadline));

        // Wait: for the payment, a cancellation or the deadline, whichever comes first; then stop waiting for the rest.
        using var stopWaiting = new CancellationTokenSource();
        var payment = context.WaitForExternalEvent<PaymentConfirmed>(ReservationEvents.PaymentConfirmed, stopWaiting.Token);
        var cancellation = context.WaitForExternalEvent<ReservationCancelled>(ReservationEvents.ReservationCancelled, stopWaiting.Token);
        var deadline = PaymentDeadline.PassedAsync(context, hold.Deadline, stopWaiting.Token);
        var first = await Task.WhenAny(payment, cancellation, deadline);
        stopWaiting.Cancel();

        // Has Client Made Payment? Keep the apartment (paid), or Payment Wasn't Made, revert (vacant).
        var ended = first == payment
            ? await context.CallActivityAsync<ReservationDecision>(ConfirmPaymentActivity.Name, hold, ActivityRetry.Policy)
            : await context.CallActivityAsync<ReservationDecision>(
                ReleaseApartmentActivity.Name,
                new ReleaseHold(hold, first == cancellation ? ReservationStatus.Cancelled : ReservationStatus.Expired),
                ActivityRetry.Policy);
        return Finish(ended);

        ReservationOutcome Finish(ReservationDecision decision)
        {
            logger.LogInformation("Reservation {ReservationId} of {ApartmentId} ended {Status}", request.ReservationId, request.ApartmentId, decision.Status);
            var heldUntil = decision.Status is ReservationStatus.Rejected or ReservationStatus.Failed ? (DateTimeOffset?)null : hold.Deadline;
            return new ReservationOutcome(
                request.ReservationId,
                request.ApartmentId,
                decision.Status,
                requestedAt,
                heldUntil,
                new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero),
                decision.ErrorCode,
                decision.ErrorMessage);
        }
    }
}
