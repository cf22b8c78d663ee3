using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Booking.Bench;

/// <summary>The one call the bench makes through the GraphQL endpoint: reserveApartment, timed from send to answer.</summary>
internal sealed class ReservationApi(HttpClient http, Uri endpoint)
{
    private const string Reserve =
        "mutation($a: ID!, $r: ID!, $w: Int!) { reserveApartment(input: {apartmentId: $a, reservationId: $r, paymentWindowSeconds: $w}) { status expiresAt } }";

    public async Task<ReserveAnswer> ReserveAsync(string apartmentId, string reservationId, int windowSeconds, CancellationToken cancellationToken)
    {
        var body = new { query = Reserve, variables = new { a = apartmentId, r = reservationId, w = windowSeconds } };
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsJsonAsync(endpoint, body, cancellationToken);
        var json = await response.Content.ReadAsStringAsync(cancellationToken);
        var elapsed = clock.Elapsed;
        using var document = JsonDocument.Parse(json);
        if (!response.IsSuccessStatusCode
            || !document.RootElement.TryGetProperty("data", out var data)
            || data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("reserveApartment", out var reservation)
            || reservation.ValueKind != JsonValueKind.Object)
        {
            return new ReserveAnswer(reservationId, null, null, elapsed, json);
        }

        var expires = reservation.GetProperty("expiresAt");
        return new ReserveAnswer(
            reservationId,
            reservation.GetProperty("status").GetString(),
            expires.ValueKind == JsonValueKind.String ? DateTimeOffset.Parse(expires.GetString()!, CultureInfo.InvariantCulture) : null,
            elapsed,
            null);
    }
}
