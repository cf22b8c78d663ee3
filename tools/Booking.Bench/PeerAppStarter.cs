using System.Globalization;
using System.Net.Http.Json;

namespace Booking.Bench;

/// <summary>Starts peer reservations through the peer Function App's starter function, <c>POST /api/start</c>.</summary>
internal sealed class PeerAppStarter(HttpClient http, Uri baseAddress) : IPeerStarter
{
    public async Task StartReservationAsync(string id, string apartmentId, TimeSpan wait, CancellationToken cancellationToken)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        using var response = await http.PostAsJsonAsync(new Uri(baseAddress, "start"), new { id, apartmentId, waitSeconds = seconds }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(string.Create(CultureInfo.InvariantCulture, $"The peer's starter answered {(int)response.StatusCode} for {id}."));
        }
    }
}
