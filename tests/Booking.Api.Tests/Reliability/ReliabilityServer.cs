using System.Text.Json;
using Booking.Core.Apartments;
using Microsoft.DurableTask.Client;

namespace Booking.Api.Tests.Reliability;

/// <summary>
/// An <see cref="ApiServer"/> plus what the reliability tests do through it: reserve, pay and cancel over HTTP, poll a
/// reservation until it is decided or has ended (always with a deadline), and snapshot everything a request could
/// change.
/// </summary>
public sealed class ReliabilityServer : IAsyncLifetime
{
    public const string ReservationFields = "id apartmentId status expiresAt errorCode errorMessage";

    private const string Reserve = $$"""
        mutation($input: ReserveApartmentInput!) { reserveApartment(input: $input) { {{ReservationFields}} } }
        """;

    private const string Read = $"query($id: ID!) {{ reservation(id: $id) {{ {ReservationFields} }} }}";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly Lazy<Task<CorpusWorld>> world;

    public ReliabilityServer() => world = new(() => CorpusWorld.CreateAsync(this));

    public ApiServer Api { get; } = new();

    public Task InitializeAsync() => Api.InitializeAsync();

    public Task DisposeAsync() => Api.DisposeAsync();

    /// <summary>The reservations and apartments the corpus refers to, created once, on first use.</summary>
    public Task<CorpusWorld> WorldAsync() => world.Value;

    /// <summary>reserveApartment over HTTP; the reservation as answered (REQUESTED when the hold was still undecided).</summary>
    public async Task<JsonElement> ReserveAsync(string apartmentId, string reservationId, int paymentWindowSeconds)
    {
        var response = await Api.PostAsync(Reserve, new { input = new { apartmentId, reservationId, paymentWindowSeconds } });
        return DataField(response, "reserveApartment");
    }

    /// <summary>confirmPayment or cancelReservation over HTTP, as answered.</summary>
    public Task<GraphQLHttpResponse> SendEventAsync(string field, string reservationId) =>
        Api.PostAsync($"mutation($id: ID!) {{ {field}(reservationId: $id) {{ {ReservationFields} }} }}", new { id = reservationId });

    /// <summary>reservation(id) over HTTP; null when the API knows no such reservation.</summary>
    public async Task<JsonElement?> ReadAsync(string reservationId)
    {
        var reservation = DataField(await Api.PostAsync(Read, new { id = reservationId }), "reservation");
        return reservation.ValueKind == JsonValueKind.Null ? null : reservation;
    }

    /// <summary>Polls reservation(id) until its status satisfies <paramref name="done"/>; fails the test at the deadline.</summary>
    public async Task<JsonElement> PollAsync(string reservationId, Func<string, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        string? last = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (await ReadAsync(reservationId) is { } reservation)
            {
                last = Status(reservation);
                if (done(last))
                {
                    return reservation;
                }
            }

            await Task.Delay(PollInterval);
        }

        Assert.Fail($"Reservation {reservationId} was not {what} within {timeout.TotalSeconds:0} s; last status {last ?? "(none)"}.");
        return default;
    }

    /// <summary>Waits until the hold is decided: anything but REQUESTED.</summary>
    public Task<JsonElement> DecidedAsync(string reservationId) =>
        PollAsync(reservationId, status => status != "REQUESTED", TimeSpan.FromSeconds(30), "decided");

    /// <summary>Waits until the workflow has reached an outcome.</summary>
    public Task<JsonElement> EndedAsync(string reservationId) =>
        PollAsync(reservationId, status => status is not ("REQUESTED" or "PENDING_PAYMENT"), TimeSpan.FromSeconds(30), "ended");

    /// <summary>Every apartment as stored and every workflow instance with its runtime status, in a stable order.</summary>
    public async Task<Snapshot> SnapshotAsync()
    {
        var apartments = new List<Apartment>();
        string? token = null;
        do
        {
            var page = await Api.Store.ListAsync(100, token);
            apartments.AddRange(page.Items);
            token = page.NextPageToken;
        }
        while (token is not null);

        var instances = new List<string>();
        await foreach (var instance in Api.Durable.GetAllInstancesAsync(new OrchestrationQuery { PageSize = 500 }))
        {
            instances.Add($"{instance.InstanceId}={instance.RuntimeStatus}");
        }

        return new Snapshot(
            [.. apartments.OrderBy(a => a.Id, StringComparer.Ordinal)],
            [.. instances.Order(StringComparer.Ordinal)]);
    }

    public static string Status(JsonElement reservation) => reservation.GetProperty("status").GetString()!;

    private static JsonElement DataField(GraphQLHttpResponse response, string field)
    {
        Assert.False(response.Json.TryGetProperty("errors", out _), $"{field} answered with errors: {response.Body}");
        return response.Json.GetProperty("data").GetProperty(field).Clone();
    }
}
