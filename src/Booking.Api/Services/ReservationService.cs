using System.Diagnostics;
using Booking.Api.Access;
using Booking.Api.Errors;
using Booking.Api.Paging;
using Booking.Core.Configuration;
using Booking.Core.Limits;
using Booking.Core.Records;
using Booking.Core.Reservations;
using Booking.Core.Telemetry;
using Booking.Core.Validation;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Booking.Api.Services;

/// <summary>
/// The reservation fields of the API. Every read comes from the reservation's record; the durable workflow only runs
/// it (started under the reservation id, and told of payments and cancellations). Created per request because the
/// <see cref="DurableTaskClient"/> is: Azure Functions binds one per invocation.
/// </summary>
public sealed class ReservationService(DurableTaskClient client, IReservationStore records, ClientLimits limits, ReservationOptions options, TimeProvider clock)
{
    private const string ReservationsList = "reservations";

    /// <summary>The reservation settings this service works with.</summary>
    public ReservationOptions Options => options;

    // The hold is usually decided within a few queue round trips, so look again soon at first, then back off; under
    // load every waiting request polls, and each poll is a DynamoDB read.
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(250);

    /// <summary>The reservation, in full with its token and without the details otherwise; a wrong token is
    /// refused rather than ignored, so a client learns its token is wrong.</summary>
    public async Task<ReservationView?> GetAsync(string? id, string? token, CancellationToken cancellationToken)
    {
        var reservationId = InputRules.RequireReservationId(id, "id");
        if (await records.GetAsync(reservationId, cancellationToken) is not { } record)
        {
            return null;
        }

        if (token is null)
        {
            return ReservationView.Of(record).Public();
        }

        RequireToken(record, token, "read its details");
        return ReservationView.Of(record);
    }

    /// <summary>Claims the reservation id and starts its workflow, then waits a bounded moment for the hold decision;
    /// answers REQUESTED when it has not come by then. A repeated id starts nothing and gets what anyone may see.</summary>
    public async Task<ReservationView> ReserveAsync(ReserveApartmentInput input, Caller caller, CancellationToken cancellationToken)
    {
        var receivedAt = clock.GetTimestamp();
        var apartmentId = InputRules.RequireApartmentId(input.ApartmentId, "apartmentId");
        var reservationId = input.ReservationId is null
            ? Guid.NewGuid().ToString("D")
            : InputRules.RequireReservationId(input.ReservationId, "reservationId");
        var window = options.ResolvePaymentWindow(input.PaymentWindowSeconds, caller.IsOperator);

        // The workflow's spans start under this one (the durable client passes the trace context on), so the trace
        // runs from here to the DynamoDB writes that hold and release the apartment.
        using var span = BookingTelemetry.Start("reserveApartment", ActivityKind.Internal, apartmentId, reservationId);
        var (token, hash) = ReservationToken.New();
        var started = await StartOnceAsync(new ReservationRequest(reservationId, apartmentId, window), hash, arn: null, caller, cancellationToken);
        var decided = await WaitUntilAsync(reservationId, record => record.Status != ReservationStatus.Requested, cancellationToken);
        if (started)
        {
            BookingMetrics.RecordHoldDecision(clock.GetElapsedTime(receivedAt), decided.Status);
        }

        var view = ReservationView.Of(decided);

        // Only the request that started the reservation learns its token; a repeat of the id gets what anyone may see.
        return started ? view with { Token = token } : view.Public();
    }

    /// <summary>An operator's or the payment provider's confirmation; the operator check is
    /// <see cref="OperatorFieldsRule"/>'s, the provider's its signature.</summary>
    public Task<ReservationView> ConfirmPaymentAsync(string? reservationId, CancellationToken cancellationToken) =>
        RaiseAsync(reservationId, ReservationEvents.PaymentConfirmed, new PaymentConfirmed(clock.GetUtcNow()), "paid for", token: null, cancellationToken);

    /// <summary>The holder's cancellation, with the token its reserveApartment answer carried; or an operator's,
    /// without one (to free an apartment someone is squatting).</summary>
    public Task<ReservationView> CancelAsync(string? reservationId, string? token, Caller caller, CancellationToken cancellationToken)
    {
        if (token is null && !caller.IsOperator)
        {
            throw new ApiException(
                ApiErrorCodes.Forbidden,
                "cancelReservation needs the token the reserveApartment answer carried; only operators (the operator key) may cancel without it.");
        }

        return RaiseAsync(reservationId, ReservationEvents.ReservationCancelled, new ReservationCancelled(clock.GetUtcNow()), "cancelled", token, cancellationToken);
    }

    /// <summary>Reservations, newest first, optionally of one apartment and in one status. Only what anyone may see:
    /// a list carries no tokens.</summary>
    public async Task<ListPage<ReservationView>> ListAsync(string? apartmentId, ReservationStatus? status, PageRequest page, CancellationToken cancellationToken)
    {
        var apartment = apartmentId is null ? null : InputRules.RequireApartmentId(apartmentId, "apartmentId");
        var records = await ListRecordsAsync(apartment, status, page, cancellationToken);
        return new ListPage<ReservationView>([.. records.Items.Select(r => ReservationView.Of(r).Public())], records.NextToken);
    }

    /// <summary>A page of records, newest first, behind a list's nextToken.</summary>
    internal async Task<ListPage<ReservationRecord>> ListRecordsAsync(string? apartmentId, ReservationStatus? status, PageRequest page, CancellationToken cancellationToken)
    {
        var after = page.After is null ? null : PageCursor.Decode(page.After, ReservationsList, apartmentId);
        // A nextToken names a reservation that existed when the page was read, so a time after now is forged.
        var position = after is { CreatedAt: { } createdAt } && createdAt <= clock.GetUtcNow().AddDays(1) ? new ReservationListPosition(after.Id, createdAt) : null;
        if (after is not null && position is null)
        {
            throw new InputValidationException("after", PageCursor.NotOurs);
        }

        var found = await records.ListAsync(new ReservationListQuery(apartmentId, status, page.First, position), cancellationToken);
        var next = found.Next is { } last ? new PageCursor(ReservationsList, last.Id, apartmentId, last.CreatedAt).Encode() : null;
        return new ListPage<ReservationRecord>(found.Items, next);
    }

    /// <summary>Claims the id with a new record and starts the workflow; false when the id was claimed before (a
    /// repeat, which starts nothing), and a conflict when that earlier reservation is of another apartment. A client
    /// over its limits is refused before anything is written.</summary>
    internal async Task<bool> StartOnceAsync(ReservationRequest request, string? tokenHash, string? arn, Caller caller, CancellationToken cancellationToken)
    {
        var limited = !caller.IsOperator;
        if (limited && await limits.TryStartAsync(caller.ClientId, request.ReservationId, cancellationToken) is { } refusal)
        {
            throw refusal == ClientLimitRefusal.TooManyHolds
                ? new ApiException(ApiErrorCodes.TooManyHolds, $"You hold {options.MaxActiveHoldsPerClient} apartments already, the most one client may; pay for or cancel one first. Nothing was reserved.")
                : new ApiException(ApiErrorCodes.RateLimited, $"You started {options.MaxReservationsPerClientPerMinute} reservations this minute, the most one client may; try again in a minute. Nothing was reserved.");
        }

        var now = clock.GetUtcNow();
        var holder = limited && options.MaxActiveHoldsPerClient > 0 ? caller.ClientId : null;
        var record = new ReservationRecord(request.ReservationId, request.ApartmentId, ReservationStatus.Requested, now, now + request.PaymentWindow, TokenHash: tokenHash, Arn: arn, ClientId: holder);
        if (!await records.CreateAsync(record, cancellationToken))
        {
            var existing = await records.GetAsync(request.ReservationId, cancellationToken);
            if (holder is not null && (existing is null || existing.IsFinal || existing.ClientId != holder))
            {
                // The repeat started nothing, so it holds nothing.
                await limits.ReleaseAsync(holder, request.ReservationId, cancellationToken);
            }

            if (existing is not null && !string.Equals(existing.ApartmentId, request.ApartmentId, StringComparison.Ordinal))
            {
                throw new ApiException(
                    ApiErrorCodes.Conflict,
                    $"Reservation '{request.ReservationId}' already exists for apartment '{existing.ApartmentId}'; use a new reservation id to reserve apartment '{request.ApartmentId}'.");
            }

            return false;
        }

        // The record claimed the id, so this is its one start. Should it fail, the record stays REQUESTED and the
        // sweeper ends it after its deadline; the id stays taken.
        await client.ScheduleNewOrchestrationInstanceAsync(ReservationOrchestrator.Name, request, new StartOrchestrationOptions(request.ReservationId), cancellationToken);
        BookingMetrics.RecordStarted();
        return true;
    }

    /// <summary>Tells a reservation's workflow of a payment or cancellation, and waits a moment for its end. A
    /// non-null <paramref name="token"/> must be the reservation's own.</summary>
    private async Task<ReservationView> RaiseAsync(string? id, string eventName, object payload, string verb, string? token, CancellationToken cancellationToken)
    {
        var reservationId = InputRules.RequireReservationId(id, "reservationId");
        using var span = BookingTelemetry.Start(eventName, ActivityKind.Internal, apartmentId: null, reservationId);
        var record = await records.GetAsync(reservationId, cancellationToken)
            ?? throw new ApiException(ApiErrorCodes.NotFound, $"No reservation has the id '{reservationId}'.");
        if (token is not null)
        {
            RequireToken(record, token, $"have it {verb}");
        }

        if (record.IsFinal)
        {
            throw new ApiException(
                ApiErrorCodes.Conflict,
                $"Reservation '{reservationId}' has already ended with status {record.Status.ToStoredValue()}; it can no longer be {verb}.");
        }

        span?.SetTag(BookingTelemetry.ApartmentIdTag, record.ApartmentId);
        try
        {
            await client.RaiseEventAsync(reservationId, eventName, payload, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The record is open but its workflow may be gone (its task hub was replaced, or it never started):
            // nothing can act on the event then, and the sweeper ends the reservation after its deadline.
            if (await client.GetInstanceAsync(reservationId, getInputsAndOutputs: false, cancellationToken) is not null)
            {
                throw;
            }

            throw new ApiException(
                ApiErrorCodes.Conflict,
                $"Reservation '{reservationId}' has no running workflow; it ends when its payment window is over and can no longer be {verb}.");
        }

        return ReservationView.Of(await WaitUntilAsync(reservationId, r => r.IsFinal, cancellationToken));
    }

    /// <summary>Polls the record until <paramref name="done"/> holds or the hold-decision timeout passes, and returns
    /// the last state seen.</summary>
    private async Task<ReservationRecord> WaitUntilAsync(string reservationId, Func<ReservationRecord, bool> done, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + options.HoldDecisionTimeout;
        var delay = FirstPoll;
        while (true)
        {
            var record = await records.GetAsync(reservationId, cancellationToken)
                ?? throw new InvalidOperationException($"The record of reservation '{reservationId}' disappeared.");
            if (done(record) || clock.GetUtcNow() >= deadline)
            {
                return record;
            }

            await Task.Delay(delay, clock, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestPoll.Ticks));
        }
    }

    private static void RequireToken(ReservationRecord record, string token, string what)
    {
        if (!ReservationToken.Matches(token, record.TokenHash))
        {
            throw new ApiException(
                ApiErrorCodes.Forbidden,
                $"The token does not match reservation '{record.Id}': only the client that made it, with the token its reserveApartment answer carried, may {what}.");
        }
    }
}
