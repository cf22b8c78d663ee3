using Booking.Core.Apartments;
using Booking.Core.Validation;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Booking.Core.Reservations;

/// <summary>
/// The seed's state machine, corrected: hold the apartment conditionally, wait for payment, cancellation or the
/// deadline, then keep or release it, only ever touching an apartment this reservation holds. Deterministic: time comes
/// from the context and all I/O is in activities.
/// </summary>
[DurableTask(Name)]
public sealed class ReservationOrchestrator : TaskOrchestrator<ReservationRequest, ReservationOutcome>
{
    public const string Name = nameof(ReservationOrchestrator);

    /// <summary>Transient store faults (throttling, 5xx, a store that is down) are retried with backoff for about a
    /// minute; bad input is not, and refusals are results rather than faults so they never reach this policy.</summary>
    public static readonly TaskOptions ActivityRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 8,
        firstRetryInterval: TimeSpan.FromMilliseconds(500),
        backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromSeconds(15))
    {
        HandleFailure = failure => !IsCausedBy<InputValidationException>(failure) && !IsCausedBy<ArgumentException>(failure),
    });

    public override async Task<ReservationOutcome> RunAsync(TaskOrchestrationContext context, ReservationRequest request)
    {
        var logger = context.CreateReplaySafeLogger<ReservationOrchestrator>();
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["ReservationId"] = request.ReservationId,
            ["ApartmentId"] = request.ApartmentId,
        });

        var requestedAt = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
        context.SetCustomStatus(new ReservationProgress(ReservationStatus.Requested, request.ApartmentId, null));

        var deadline = requestedAt + request.PaymentWindow;
        var hold = new ApartmentHold(request.ApartmentId, request.ReservationId, deadline);
        Outcome Finish(ReservationStatus status, ReservationErrorCode? code = null, string? message = null) =>
            new(request, requestedAt, status is ReservationStatus.Failed or ReservationStatus.Rejected ? null : deadline, context, status, code, message);

        var reserved = await context.CallActivityAsync<TransitionResult>(ReserveApartmentActivity.Name, hold, ActivityRetry);
        switch (reserved.Outcome)
        {
            case TransitionOutcome.NotFound:
                logger.LogInformation("Apartment {ApartmentId} does not exist; reservation {ReservationId} failed", request.ApartmentId, request.ReservationId);
                return Finish(ReservationStatus.Failed, ReservationErrorCode.ApartmentNotFound, $"Apartment '{request.ApartmentId}' does not exist.").Value;
            case TransitionOutcome.NotVacant:
                logger.LogInformation("Apartment {ApartmentId} is not vacant; reservation {ReservationId} rejected", request.ApartmentId, request.ReservationId);
                return Finish(ReservationStatus.Rejected, ReservationErrorCode.ApartmentNotVacant, $"Apartment '{request.ApartmentId}' is not vacant.").Value;
        }

        context.SetCustomStatus(new ReservationProgress(ReservationStatus.PendingPayment, request.ApartmentId, deadline));
        logger.LogInformation("Apartment {ApartmentId} held by {ReservationId} until {Deadline:O}", request.ApartmentId, request.ReservationId, deadline);

        using var stopWaiting = new CancellationTokenSource();
        var payment = context.WaitForExternalEvent<PaymentConfirmed>(ReservationEvents.PaymentConfirmed, stopWaiting.Token);
        var cancel = context.WaitForExternalEvent<ReservationCancelled>(ReservationEvents.ReservationCancelled, stopWaiting.Token);
        // The Azure Storage provider hides a timer message for whole seconds counted from when it is sent, dropping
        // the fraction. A timer for the deadline itself therefore wakes the orchestration up to a second early, and a
        // timer for the fraction left fires at once, episode after episode (the bench measured 44 timers and 47
        // episodes for one 2 s window). So the timer asks for a second past the deadline: with the fraction dropped it
        // fires at the deadline plus the moments the hold took, never before it. A window never ends early: were it
        // woken early anyway, it waits again for the same instant, which is at least a second away, never a fraction.
        var wakeAt = deadline.UtcDateTime.AddSeconds(1);
        Task first;
        do
        {
            first = await Task.WhenAny(context.CreateTimer(wakeAt, stopWaiting.Token), payment, cancel);
        }
        while (first != payment && first != cancel && context.CurrentUtcDateTime < deadline.UtcDateTime);

        // Cancel the losers so a finished reservation does not linger as Running until its timer fires.
        stopWaiting.Cancel();

        Outcome outcome;
        if (first == payment)
        {
            var confirmed = await context.CallActivityAsync<TransitionResult>(ConfirmPaymentActivity.Name, hold, ActivityRetry);
            outcome = confirmed.Applied
                ? Finish(ReservationStatus.Paid)
                : HoldGone(confirmed, ReservationStatus.Expired, "Payment arrived");
        }
        else if (first == cancel)
        {
            outcome = await ReleaseAsync(ReservationStatus.Cancelled, "Cancellation arrived");
        }
        else
        {
            // The seed's "Get Apartment Status" and "Has Client Made Payment?" are answered by the release itself: it
            // only applies while this reservation still holds the apartment, and a refusal returns the apartment as
            // it is, so 'paid' written by an external payment system is kept (HoldGone). One activity instead of a
            // read and a write: no gap between them, and one trip through the queues fewer between the deadline and
            // the apartment being vacant again.
            outcome = await ReleaseAsync(ReservationStatus.Expired, "The payment window ended");
        }

        logger.LogInformation("Reservation {ReservationId} of {ApartmentId} ended {Status}", request.ReservationId, request.ApartmentId, outcome.Value.Status);
        return outcome.Value;

        async Task<Outcome> ReleaseAsync(ReservationStatus status, string what)
        {
            var released = await context.CallActivityAsync<TransitionResult>(ReleaseApartmentActivity.Name, hold, ActivityRetry);
            return released.Applied ? Finish(status) : HoldGone(released, status, what);
        }

        Outcome HoldGone(TransitionResult refused, ReservationStatus status, string what)
        {
            if (IsPaidByThisReservation(refused.Apartment))
            {
                return Finish(ReservationStatus.Paid);
            }

            if (refused.Outcome == TransitionOutcome.NotFound)
            {
                return Finish(ReservationStatus.Failed, ReservationErrorCode.ApartmentNotFound, $"{what}, but apartment '{request.ApartmentId}' no longer exists.");
            }

            return Finish(status, ReservationErrorCode.HoldAlreadyGone, $"{what}, but reservation '{request.ReservationId}' no longer held apartment '{request.ApartmentId}'; nothing was changed.");
        }

        bool IsPaidByThisReservation(Apartment? apartment) =>
            apartment is { Status: ApartmentStatus.Paid } && apartment.ReservationId == request.ReservationId;
    }

    /// <summary>
    /// <see cref="TaskFailureDetails.IsCausedBy{T}"/> resolves the failure's type by name among the loaded assemblies
    /// and throws when that name is ambiguous, as <c>System.Net.Http.HttpRequestException</c> (a store that is down)
    /// is in the hosts; DurableTask.Core then treats the throwing handler as "do not retry". A type it cannot tell
    /// apart is not bad input, so it is retried.
    /// </summary>
    private static bool IsCausedBy<T>(TaskFailureDetails failure)
        where T : Exception
    {
        try
        {
            return failure.IsCausedBy<T>();
        }
        catch (System.Reflection.AmbiguousMatchException)
        {
            return false;
        }
    }

    /// <summary>Wraps a final outcome so the local helpers above can build one in one line.</summary>
    private readonly record struct Outcome(ReservationOutcome Value)
    {
        public Outcome(ReservationRequest request, DateTimeOffset requestedAt, DateTimeOffset? deadline, TaskOrchestrationContext context, ReservationStatus status, ReservationErrorCode? code, string? message)
            : this(new ReservationOutcome(
                request.ReservationId,
                request.ApartmentId,
                status,
                requestedAt,
                deadline,
                new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero),
                code,
                message))
        {
        }
    }
}
