using System.Diagnostics;
using Booking.Api.Access;
using Booking.Api.Errors;
using Booking.Api.Paging;
using Booking.Core.Configuration;
using Booking.Core.Reservations;
using Booking.Core.Telemetry;
using Booking.Core.Validation;
using GraphQL;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Booking.Api.Services;

/// <summary>
/// The reservation fields of the API over the durable workflow. The reservation id is the workflow's instance id, so
/// reading a reservation is reading its instance, and a repeated id finds the reservation it already started.
/// Created per request because the <see cref="DurableTaskClient"/> is: Azure Functions binds one per invocation.
/// </summary>
public sealed class ReservationService(DurableTaskClient client, ReservationOptions options, TimeProvider clock)
{
    public const int MaxArnLength = 2048;

    private const string ReservationsList = "reservations";

    // The hold is usually decided within a few storage round trips, so look again soon at first, then back off; a
    // fixed 100 ms added up to 100 ms to every answer. Under load a decision takes seconds and every waiting request
    // polls, each poll a storage read: a 250 ms ceiling reads about a third as often as 100 ms did.
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(250);

    /// <summary>The reservation, in full with its token and without the details otherwise; a wrong token is
    /// refused rather than ignored, so a client learns its token is wrong.</summary>
    public async Task<ReservationView?> GetAsync(string? id, string? token, CancellationToken cancellationToken)
    {
        var reservationId = InputRules.RequireReservationId(id, "id");
        var instance = await client.GetInstanceAsync(reservationId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null || !instance.IsReservation())
        {
            return null;
        }

        if (token is null)
        {
            return instance.ToView().Public();
        }

        RequireToken(instance, token, "read its details");
        return instance.ToView();
    }

    /// <summary>Starts the workflow (unless this reservation id already has one) and waits a bounded moment for the
    /// hold decision; answers REQUESTED when it has not come by then.</summary>
    public async Task<ReservationView> ReserveAsync(ReserveApartmentInput input, CancellationToken cancellationToken)
    {
        var apartmentId = InputRules.RequireApartmentId(input.ApartmentId, "apartmentId");
        var reservationId = input.ReservationId is null
            ? Guid.NewGuid().ToString("D")
            : InputRules.RequireReservationId(input.ReservationId, "reservationId");
        var window = options.ResolvePaymentWindow(input.PaymentWindowSeconds);

        // The workflow's spans start under this one (the durable client passes the trace context on), so the trace
        // runs from here to the DynamoDB writes that hold and release the apartment.
        using var span = BookingTelemetry.Start("reserveApartment", ActivityKind.Internal, apartmentId, reservationId);
        var (token, hash) = ReservationToken.New();
        var started = await StartOnceAsync(reservationId, apartmentId, new ReservationRequest(reservationId, apartmentId, window, hash), cancellationToken);
        var instance = await WaitUntilAsync(reservationId, i => i.HoldDecided(), cancellationToken);
        var view = instance?.ToView() ?? new ReservationView(reservationId, apartmentId, ReservationStatus.Requested, null);

        // Only the request that started the reservation learns its token; a repeat of the id gets what anyone may see.
        return started ? view with { Token = token } : view.Public();
    }

    /// <summary>An operator's confirmation; the operator check is <see cref="OperatorFieldsRule"/>'s.</summary>
    public Task<ReservationView> ConfirmPaymentAsync(string? reservationId, CancellationToken cancellationToken) =>
        RaiseAsync(reservationId, ReservationEvents.PaymentConfirmed, new PaymentConfirmed(clock.GetUtcNow()), "paid for", token: null, cancellationToken);

    /// <summary>The holder's cancellation: only with the token its reserveApartment answer carried.</summary>
    public Task<ReservationView> CancelAsync(string? reservationId, string? token, CancellationToken cancellationToken) =>
        RaiseAsync(reservationId, ReservationEvents.ReservationCancelled, new ReservationCancelled(clock.GetUtcNow()), "cancelled", token ?? string.Empty, cancellationToken);

    /// <summary>Reservations, newest first, optionally of one apartment and in one status. Only what anyone may see:
    /// a list carries no tokens.</summary>
    public async Task<ListPage<ReservationView>> ListAsync(string? apartmentId, ReservationStatus? status, PageRequest page, CancellationToken cancellationToken)
    {
        var apartment = apartmentId is null ? null : InputRules.RequireApartmentId(apartmentId, "apartmentId");
        var (instances, next) = await NewestInstancesFirst.ReadAsync(
            client,
            ReservationsList,
            page,
            status is { } wanted ? RuntimeStatusesOf(wanted) : null,
            instance => instance.IsReservation()
                && instance.ToView() is var view
                && (apartment is null || view.ApartmentId == apartment)
                && (status is null || view.Status == status),
            cancellationToken);
        return new ListPage<ReservationView>(instances.Select(i => i.ToView().Public()).ToList(), next);
    }

    /// <summary>The seed's mutation: starts a reservation named <c>input.id</c> of the given or default apartment
    /// with the configured payment window, and echoes the id and ARN as the seed's Lambda did.</summary>
    public async Task<StepFunctionView> AddStepFunctionAsync(StepFunctionsInput input, CancellationToken cancellationToken)
    {
        var id = InputRules.RequireReservationId(input.Id, "id");
        var arn = RequireArn(input.Arn);
        var apartmentId = input.ApartmentId is null
            ? options.DefaultApartmentId
            : InputRules.RequireApartmentId(input.ApartmentId, "apartmentId");

        using var span = BookingTelemetry.Start("addStepFunction", ActivityKind.Internal, apartmentId, id);
        await StartOnceAsync(id, apartmentId, new StepFunctionRequest(id, apartmentId, options.PaymentWindow, arn), cancellationToken);
        return new StepFunctionView(id, arn);
    }

    /// <summary>Reservation workflow instances, newest first, as the seed's <c>stepfunctions</c> type. An instance
    /// started without an ARN (by reserveApartment) shows the orchestrator name and its id instead.</summary>
    public async Task<ListPage<StepFunctionView>> ListStepFunctionsAsync(PageRequest page, CancellationToken cancellationToken)
    {
        var (instances, next) = await NewestInstancesFirst.ReadAsync(client, ReservationsList, page, statuses: null, ReservationViews.IsReservation, cancellationToken);
        var items = instances
            .Select(i => new StepFunctionView(
                i.InstanceId,
                i.ReadInputAs<StepFunctionRequest>()?.Arn ?? $"{ReservationOrchestrator.Name}/{i.InstanceId}"))
            .ToList();
        return new ListPage<StepFunctionView>(items, next);
    }

    /// <summary>Starts the workflow with <paramref name="input"/>, unless the id already has one; an existing
    /// reservation of the same apartment is accepted as is (false), anything else under that id is a conflict.</summary>
    private async Task<bool> StartOnceAsync(string reservationId, string apartmentId, object input, CancellationToken cancellationToken)
    {
        var existing = await client.GetInstanceAsync(reservationId, getInputsAndOutputs: true, cancellationToken);
        if (existing is null)
        {
            try
            {
                // Never replace an instance, whatever its state: a backend that does not check atomically would
                // otherwise let two concurrent first requests both start it.
                var start = new StartOrchestrationOptions(reservationId).WithDedupeStatuses(Enum.GetValues<OrchestrationRuntimeStatus>());
                await client.ScheduleNewOrchestrationInstanceAsync(ReservationOrchestrator.Name, input, start, cancellationToken);
                return true;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Two requests with one new id can race; the loser finds the winner's instance. Backends report a
                // duplicate differently, so look rather than match an exception type.
                existing = await client.GetInstanceAsync(reservationId, getInputsAndOutputs: true, cancellationToken);
                if (existing is null)
                {
                    throw;
                }
            }
        }

        if (!existing.IsReservation())
        {
            throw new ApiException(ApiErrorCodes.Conflict, $"The id '{reservationId}' is already used by another workflow; choose another reservation id.");
        }

        var held = existing.ToView();
        if (!string.Equals(held.ApartmentId, apartmentId, StringComparison.Ordinal))
        {
            throw new ApiException(
                ApiErrorCodes.Conflict,
                $"Reservation '{reservationId}' already exists for apartment '{held.ApartmentId}'; use a new reservation id to reserve apartment '{apartmentId}'.");
        }

        return false;
    }

    /// <summary>Raises <paramref name="eventName"/> on a running reservation and waits a moment for its end. A non-null
    /// <paramref name="token"/> must be the reservation's own.</summary>
    private async Task<ReservationView> RaiseAsync(string? id, string eventName, object payload, string verb, string? token, CancellationToken cancellationToken)
    {
        var reservationId = InputRules.RequireReservationId(id, "reservationId");
        using var span = BookingTelemetry.Start(eventName, ActivityKind.Internal, apartmentId: null, reservationId);
        var instance = await client.GetInstanceAsync(reservationId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null || !instance.IsReservation())
        {
            throw new ApiException(ApiErrorCodes.NotFound, $"No reservation has the id '{reservationId}'.");
        }

        if (token is not null)
        {
            RequireToken(instance, token, $"have it {verb}");
        }

        if (instance.IsCompleted)
        {
            var ended = instance.ToView();
            throw new ApiException(
                ApiErrorCodes.Conflict,
                $"Reservation '{reservationId}' has already ended with status {ended.Status.ToString().ToConstantCase()}; it can no longer be {verb}.");
        }

        span?.SetTag(BookingTelemetry.ApartmentIdTag, instance.ToView().ApartmentId);
        await client.RaiseEventAsync(reservationId, eventName, payload, cancellationToken);
        var after = await WaitUntilAsync(reservationId, i => i.IsCompleted, cancellationToken);
        return (after ?? instance).ToView();
    }

    /// <summary>Polls the instance until <paramref name="done"/> holds or the hold-decision timeout passes, and
    /// returns the last state seen (null only if the instance never became visible).</summary>
    private async Task<OrchestrationMetadata?> WaitUntilAsync(string instanceId, Func<OrchestrationMetadata, bool> done, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + options.HoldDecisionTimeout;
        var delay = FirstPoll;
        while (true)
        {
            var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
            if ((instance is not null && done(instance)) || clock.GetUtcNow() >= deadline)
            {
                return instance;
            }

            await Task.Delay(delay, clock, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestPoll.Ticks));
        }
    }

    /// <summary>The runtime statuses an instance in <paramref name="status"/> can have, so the store filters first.</summary>
    private static OrchestrationRuntimeStatus[] RuntimeStatusesOf(ReservationStatus status) => status switch
    {
        ReservationStatus.Requested => [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running],
        ReservationStatus.PendingPayment => [OrchestrationRuntimeStatus.Running],
        ReservationStatus.Failed => [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated],
        _ => [OrchestrationRuntimeStatus.Completed],
    };

    private static void RequireToken(OrchestrationMetadata instance, string token, string what)
    {
        if (!ReservationToken.Matches(token, instance.ReadInputAs<ReservationRequest>()?.TokenHash))
        {
            throw new ApiException(
                ApiErrorCodes.Forbidden,
                $"The token does not match reservation '{instance.InstanceId}': only the client that made it, with the token its reserveApartment answer carried, may {what}.");
        }
    }

    private static string RequireArn(string? arn)
    {
        if (string.IsNullOrWhiteSpace(arn))
        {
            throw new InputValidationException("arn", "arn is invalid: it must not be empty or blank.");
        }

        if (arn.Length > MaxArnLength)
        {
            throw new InputValidationException("arn", $"arn is invalid: it must be at most {MaxArnLength} characters; got {arn.Length}.");
        }

        return arn.Any(char.IsControl)
            ? throw new InputValidationException("arn", "arn is invalid: it must not contain control characters.")
            : arn;
    }
}
