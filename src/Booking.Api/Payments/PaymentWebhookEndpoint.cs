using System.Text.Json;
using Booking.Api.Errors;
using Booking.Api.Services;
using Booking.Core.Configuration;
using Booking.Core.Limits;
using Booking.Core.Records;
using Booking.Core.Reservations;
using Booking.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Booking.Api.Payments;

/// <summary>
/// <c>POST /api/payments/webhook</c>, shared by both hosts: the payment provider's server confirms a payment with
/// <c>{"eventId", "type": "payment.succeeded", "reservationId"}</c>, signed (<see cref="PaymentSignature"/>). The
/// signature is the only credential, so no API key is asked for. A valid webhook confirms the payment exactly as
/// confirmPayment does. Anything else is refused with a 4xx before it changes anything; a webhook for a
/// reservation already PAID answers 200 and changes nothing, so the provider's retries and replays are harmless.
/// </summary>
public sealed partial class PaymentWebhookEndpoint(
    IOptions<PaymentWebhookOptions> options,
    IOptions<ReservationOptions> reservationOptions,
    IReservationStore records,
    ClientLimits limits,
    TimeProvider clock,
    ILogger<PaymentWebhookEndpoint> logger)
{
    public const string Route = "payments/webhook";

    public const string PaymentSucceeded = "payment.succeeded";

    private const int MaxBodyBytes = 64 * 1024;

    public async Task HandleAsync(HttpContext context, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(client);
        var (status, body) = await AnswerAsync(context.Request, client, context.RequestAborted);
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        if (status == StatusCodes.Status405MethodNotAllowed)
        {
            context.Response.Headers.Allow = "POST";
        }

        await context.Response.WriteAsJsonAsync(body, context.RequestAborted);
    }

    private static (int, object) Refuse(int status, string code, string message) =>
        (status, new { errors = new[] { new { message, extensions = new { code } } } });

    private async Task<(int Status, object Body)> AnswerAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            return Refuse(StatusCodes.Status405MethodNotAllowed, ApiErrorCodes.MethodNotAllowed, "Send payment webhooks with POST.");
        }

        var secret = options.Value.WebhookSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return Refuse(StatusCodes.Status403Forbidden, ApiErrorCodes.WebhookDisabled, "Payment webhooks are off: Payments:WebhookSecret is not set.");
        }

        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return Refuse(StatusCodes.Status413PayloadTooLarge, ApiErrorCodes.PayloadTooLarge, $"A payment webhook is at most {MaxBodyBytes} bytes.");
        }

        var wrongSignature = PaymentSignature.Check(request.Headers[PaymentSignature.Header], body, secret, clock.GetUtcNow(), options.Value.SignatureTolerance);
        if (wrongSignature is not null)
        {
            LogRefused(logger, wrongSignature);
            return Refuse(StatusCodes.Status401Unauthorized, ApiErrorCodes.InvalidSignature, wrongSignature);
        }

        if (Parse(body) is not { } payment)
        {
            return Refuse(StatusCodes.Status400BadRequest, ApiErrorCodes.BadRequest, "The body must be a JSON object with string eventId, type and reservationId.");
        }

        if (payment.Type != PaymentSucceeded)
        {
            // Providers send many event types to one endpoint; one this API does not act on is received, not an error.
            return (StatusCodes.Status200OK, new { received = true, ignored = payment.Type });
        }

        if (InputRules.CheckReservationId(payment.ReservationId) is { } badId)
        {
            return Refuse(StatusCodes.Status400BadRequest, ApiErrorCodes.BadUserInput, $"reservationId is invalid: {badId}");
        }

        // An event applied before is answered as it was and changes nothing, whatever happened since.
        if (await records.GetAsync(payment.ReservationId, cancellationToken) is { PaymentEventIds: { } applied } seen && applied.Contains(payment.EventId))
        {
            return (StatusCodes.Status200OK, new { received = true, duplicate = true, status = seen.Status.ToStoredValue() });
        }

        // The same path as an operator's confirmPayment: the record decides, the workflow applies it.
        var reservations = new ReservationService(client, records, limits, reservationOptions.Value, clock);
        try
        {
            var confirmed = await reservations.ConfirmPaymentAsync(payment.ReservationId, cancellationToken);
            LogConfirmed(logger, payment.EventId, payment.ReservationId, confirmed.Status);
            if (confirmed.Status is ReservationStatus.Paid || !confirmed.Status.IsFinal())
            {
                await records.AddPaymentEventAsync(payment.ReservationId, payment.EventId, cancellationToken);
            }

            return confirmed.Status is ReservationStatus.Paid || !confirmed.Status.IsFinal()
                ? (StatusCodes.Status200OK, new { received = true, status = confirmed.Status.ToStoredValue() })
                : Refuse(
                    StatusCodes.Status409Conflict,
                    ApiErrorCodes.Conflict,
                    $"Reservation '{payment.ReservationId}' ended with status {confirmed.Status.ToStoredValue()} before the payment arrived; the payment was not applied.");
        }
        catch (ApiException refused) when (refused.Code == ApiErrorCodes.NotFound)
        {
            return Refuse(StatusCodes.Status404NotFound, refused.Code, refused.Message);
        }
        catch (ApiException refused) when (refused.Code == ApiErrorCodes.Conflict)
        {
            // A replay or retry of a payment that was applied changes nothing and is answered as a success.
            var current = await reservations.GetAsync(payment.ReservationId, token: null, cancellationToken);
            return current?.Status == ReservationStatus.Paid
                ? (StatusCodes.Status200OK, new { received = true, status = ReservationStatus.Paid.ToStoredValue() })
                : Refuse(StatusCodes.Status409Conflict, refused.Code, $"{refused.Message} The payment was not applied.");
        }
    }

    /// <summary>The raw body, which the signature covers byte for byte; null when it is larger than allowed.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    private static Payment? Parse(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && Text(root, "eventId") is { Length: > 0 } eventId
                && Text(root, "type") is { Length: > 0 } type
                && Text(root, "reservationId") is { } reservationId
                ? new Payment(eventId, type, reservationId)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }

        static string? Text(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment webhook refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment webhook {EventId} for reservation {ReservationId}: {Status}")]
    private static partial void LogConfirmed(ILogger logger, string eventId, string reservationId, ReservationStatus status);

    private sealed record Payment(string EventId, string Type, string ReservationId);
}
