using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Booking.Bench;

/// <summary>The calls the bench makes to our host, as a client and a payment provider would make them:
/// GraphQL at /api/graphql and the signed payment webhook.</summary>
internal sealed class ReservationApi(HttpClient http, Uri graphQL, Uri webhook, string webhookSecret)
{
    private const string Reserve =
        "mutation($a: ID!, $r: ID!, $w: Int!) { reserveApartment(input: {apartmentId: $a, reservationId: $r, paymentWindowSeconds: $w}) { status expiresAt token } }";

    private const string Cancel = "mutation($r: ID!, $t: String!) { cancelReservation(reservationId: $r, token: $t) { status } }";

    private const string ApartmentQuery = "query($id: ID!) { apartment(id: $id) { id status } }";

    private const string ReservationsQuery = "query($a: ID!, $n: Int!) { reservations(apartmentId: $a, first: $n) { items { id status } nextToken } }";

    /// <summary>reserveApartment, timed from send to answer.</summary>
    public async Task<ReserveAnswer> ReserveAsync(string apartmentId, string reservationId, int windowSeconds, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (httpStatus, data) = await SendAsync(Reserve, new { a = apartmentId, r = reservationId, w = windowSeconds }, cancellationToken);
        var elapsed = clock.Elapsed;
        if (data?.GetProperty("reserveApartment") is not { ValueKind: JsonValueKind.Object } reservation)
        {
            return new ReserveAnswer(reservationId, null, null, null, elapsed, httpStatus);
        }

        var expires = reservation.GetProperty("expiresAt");
        return new ReserveAnswer(
            reservationId,
            reservation.GetProperty("status").GetString(),
            expires.ValueKind == JsonValueKind.String ? DateTimeOffset.Parse(expires.GetString()!, CultureInfo.InvariantCulture) : null,
            reservation.GetProperty("token").GetString(),
            elapsed,
            httpStatus);
    }

    /// <summary>cancelReservation with the token reserveApartment gave; the status it answers.</summary>
    public async Task<string?> CancelAsync(string reservationId, string token, CancellationToken cancellationToken) =>
        (await PostAsync(Cancel, new { r = reservationId, t = token }, cancellationToken))?.GetProperty("cancelReservation").GetProperty("status").GetString();

    /// <summary>apartment(id); true when the apartment came back.</summary>
    public async Task<bool> ApartmentAsync(string apartmentId, CancellationToken cancellationToken) =>
        (await PostAsync(ApartmentQuery, new { id = apartmentId }, cancellationToken))?.GetProperty("apartment").ValueKind == JsonValueKind.Object;

    /// <summary>One page of an apartment's reservations; how many items it held (-1 when it failed).</summary>
    public async Task<int> ReservationsPageAsync(string apartmentId, int first, CancellationToken cancellationToken) =>
        (await PostAsync(ReservationsQuery, new { a = apartmentId, n = first }, cancellationToken))?.GetProperty("reservations").GetProperty("items").GetArrayLength() ?? -1;

    /// <summary>The payment provider's "payment.succeeded" webhook, signed as the provider signs it.</summary>
    public async Task<bool> PayAsync(string reservationId, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new { eventId = "evt-" + reservationId, type = "payment.succeeded", reservationId });
        var time = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(webhookSecret), Encoding.UTF8.GetBytes($"{time}.{body}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Payment-Signature", $"t={time},v1={signature}");
        using var response = await http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    private async Task<JsonElement?> PostAsync(string query, object variables, CancellationToken cancellationToken) =>
        (await SendAsync(query, variables, cancellationToken)).Data;

    /// <summary>The HTTP status code and the <c>data</c> object (null unless the call succeeded with one).</summary>
    private async Task<(int Status, JsonElement? Data)> SendAsync(string query, object variables, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(graphQL, new { query, variables }, cancellationToken);
        var json = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode || !json.StartsWith('{'))
        {
            return ((int)response.StatusCode, null);
        }

        using var document = JsonDocument.Parse(json);
        return ((int)response.StatusCode, document.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object ? data.Clone() : null);
    }
}
