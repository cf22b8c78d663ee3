using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using Xunit;

namespace Booking.Testing.Hosts;

/// <summary>The reservation API's documents, sent to a running host; statuses are the API's enum names.</summary>
public static class BookingApi
{
    public const string PendingPayment = "PENDING_PAYMENT";
    public const string Paid = "PAID";
    public const string Expired = "EXPIRED";
    public const string Cancelled = "CANCELLED";
    public const string Rejected = "REJECTED";
    public const string Failed = "FAILED";

    private const string ReservationFields = "id apartmentId status expiresAt errorCode errorMessage token";

    /// <summary>The token of every reservation these helpers started, kept as a client keeps it to cancel later.</summary>
    private static readonly ConcurrentDictionary<string, string> Tokens = new();

    private static readonly HashSet<string> FinalStatuses = [Paid, Expired, Cancelled, Rejected, Failed];

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static bool IsFinal(string status) => FinalStatuses.Contains(status);

    /// <summary>addApartment, an operator field: with <paramref name="operatorKey"/> on a host that has one, or as anyone
    /// on a host whose operator fields are open without a key.</summary>
    public static async Task<JsonElement> AddApartmentAsync(this IBookingHost host, string id, string? operatorKey = null) =>
        (await host.PostAsync("mutation($id: ID!) { addApartment(id: $id) { id status } }", new { id }, operatorKey is null ? null : host.AsOperator(operatorKey)))
            .Data.GetProperty("addApartment");

    /// <summary>Headers with the client key the host's requests carry by default and <paramref name="operatorKey"/>.</summary>
    public static Action<HttpRequestHeaders> AsOperator(this IBookingHost host, string operatorKey) => headers =>
    {
        host.AddClientKey(headers);
        headers.Add("x-operator-key", operatorKey);
    };

    public static async Task<JsonElement> ReserveAsync(this IBookingHost host, string apartmentId, string reservationId, int paymentWindowSeconds)
    {
        var reservation = (await host.TryReserveAsync(apartmentId, reservationId, paymentWindowSeconds)).Data.GetProperty("reserveApartment");
        if (reservation.GetProperty("token").GetString() is { } token)
        {
            Tokens[reservationId] = token;
        }

        return reservation;
    }

    /// <summary>The token the reserveApartment answer carried; fails when these helpers did not start it.</summary>
    public static string TokenOf(string reservationId) =>
        Tokens.TryGetValue(reservationId, out var token) ? token : throw new InvalidOperationException($"No token was kept for reservation {reservationId}.");

    /// <summary>The whole answer to <c>reserveApartment</c>, errors included.</summary>
    public static Task<GraphQLResponse> TryReserveAsync(this IBookingHost host, string apartmentId, string reservationId, int paymentWindowSeconds) =>
        host.PostAsync(
            $"mutation($input: ReserveApartmentInput!) {{ reserveApartment(input: $input) {{ {ReservationFields} }} }}",
            new { input = new { apartmentId, reservationId, paymentWindowSeconds } });

    public static async Task<JsonElement> ConfirmPaymentAsync(this IBookingHost host, string reservationId) =>
        (await host.PostAsync($"mutation($id: ID!) {{ confirmPayment(reservationId: $id) {{ {ReservationFields} }} }}", new { id = reservationId }))
            .Data.GetProperty("confirmPayment");

    /// <summary>Cancels with the reservation's own token, as its holder does.</summary>
    public static async Task<JsonElement> CancelAsync(this IBookingHost host, string reservationId) =>
        (await host.TryCancelAsync(reservationId, TokenOf(reservationId))).Data.GetProperty("cancelReservation");

    public static Task<GraphQLResponse> TryCancelAsync(this IBookingHost host, string reservationId, string token) =>
        host.PostAsync($"mutation($id: ID!, $token: String!) {{ cancelReservation(reservationId: $id, token: $token) {{ {ReservationFields} }} }}", new { id = reservationId, token });

    public static async Task<JsonElement> CheckOutAsync(this IBookingHost host, string apartmentId) =>
        (await host.TryCheckOutAsync(apartmentId, reservationId: null)).Data.GetProperty("checkOut");

    public static Task<GraphQLResponse> TryCheckOutAsync(this IBookingHost host, string apartmentId, string? reservationId) =>
        host.PostAsync("mutation($id: ID!, $rid: ID) { checkOut(apartmentId: $id, reservationId: $rid) { id status reservationId } }", new { id = apartmentId, rid = reservationId });

    /// <summary>POSTs a payment webhook: <paramref name="body"/> as sent, with the signature header when given.</summary>
    public static async Task<GraphQLResponse> PostPaymentWebhookAsync(this IBookingHost host, string body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "payments/webhook") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("Payment-Signature", signature);
        }

        using var response = await host.Http.SendAsync(request);
        return await GraphQLResponse.ReadAsync(response);
    }

    /// <summary>The reservation's status as <c>reservation(id)</c> shows it; null when there is no such reservation.</summary>
    public static async Task<string?> ReservationStatusAsync(this IBookingHost host, string reservationId)
    {
        var reservation = (await host.PostAsync("query($id: ID!) { reservation(id: $id) { status } }", new { id = reservationId }))
            .Data.GetProperty("reservation");
        return reservation.ValueKind == JsonValueKind.Null ? null : reservation.GetProperty("status").GetString();
    }

    public static async Task<string?> ApartmentStatusAsync(this IBookingHost host, string apartmentId)
    {
        var apartment = (await host.PostAsync("query($id: ID!) { apartment(id: $id) { status } }", new { id = apartmentId }))
            .Data.GetProperty("apartment");
        return apartment.ValueKind == JsonValueKind.Null ? null : apartment.GetProperty("status").GetString();
    }

    /// <summary>Polls <c>reservation(id)</c> until its status satisfies <paramref name="done"/>; fails the test with the
    /// last status seen when that does not happen before the deadline.</summary>
    public static async Task<string> WaitForStatusAsync(this IBookingHost host, string reservationId, Func<string, bool> done, DateTime deadline)
    {
        string? status = null;
        while (DateTime.UtcNow < deadline)
        {
            status = await host.ReservationStatusAsync(reservationId);
            if (status is not null && done(status))
            {
                return status;
            }

            await Task.Delay(PollInterval);
        }

        Assert.Fail($"Reservation {reservationId} was still {status ?? "unknown"} at the deadline.{Environment.NewLine}Host output:{Environment.NewLine}{Tail(host.Output)}");
        return status!;
    }

    public static Task<string> WaitForFinalStatusAsync(this IBookingHost host, string reservationId, DateTime deadline) =>
        host.WaitForStatusAsync(reservationId, IsFinal, deadline);

    private static string Tail(string output) => output.Length <= 6000 ? output : output[^6000..];
}
