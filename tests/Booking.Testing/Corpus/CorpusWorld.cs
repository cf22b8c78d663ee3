using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Booking.Api;
using Booking.Api.Access;
using Booking.Api.Seed;
using Booking.Api.Services;
using Booking.Core.Configuration;
using Booking.Core.Validation;
using Booking.Testing.Hosts;
using Xunit;

namespace Booking.Testing.Corpus;

/// <summary>
/// The state the corpus's cases name by placeholder: an apartment that exists, and reservations that have ended each
/// way a reservation can end. Created through the API before any case runs, so no case depends on another.
/// </summary>
public sealed class CorpusWorld
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, string> values;

    private CorpusWorld(Dictionary<string, string> values) => this.values = values;

    /// <summary>Replaces every <c>{name}</c> this world knows in <paramref name="text"/>; <c>{unique}</c> becomes
    /// <paramref name="unique"/>, so a case can name an id nobody has used.</summary>
    public string Fill(string text, string unique)
    {
        var filled = text.Replace("{unique}", unique, StringComparison.Ordinal);
        foreach (var (name, value) in values)
        {
            filled = filled.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return filled;
    }

    public static async Task<CorpusWorld> CreateAsync(ICorpusServer server)
    {
        var vacant = await server.AddApartmentAsync("corpus-vacant");
        var paidApartment = await server.AddApartmentAsync("corpus-paid");
        var expiredApartment = await server.AddApartmentAsync("corpus-expired");
        var cancelledApartment = await server.AddApartmentAsync("corpus-cancelled");
        var paid = "corpus-paid-" + Guid.NewGuid().ToString("N");
        var expired = "corpus-expired-" + Guid.NewGuid().ToString("N");
        var cancelled = "corpus-cancelled-" + Guid.NewGuid().ToString("N");
        var rejected = "corpus-rejected-" + Guid.NewGuid().ToString("N");

        var tokens = await Task.WhenAll(
            ReserveAsync(server, paidApartment, paid, 60),
            ReserveAsync(server, expiredApartment, expired, 1),
            ReserveAsync(server, cancelledApartment, cancelled, 60));
        await WaitForAsync(server, paid, status => status != "REQUESTED");
        await WaitForAsync(server, cancelled, status => status != "REQUESTED");
        await PostAsync(server, "mutation($id: ID!) { confirmPayment(reservationId: $id) { status } }", new { id = paid }, server.OperatorKey);
        await PostAsync(server, "mutation($id: ID!, $token: String!) { cancelReservation(reservationId: $id, token: $token) { status } }", new { id = cancelled, token = tokens[2] });
        var rejectedToken = await ReserveAsync(server, paidApartment, rejected, 60);

        foreach (var (id, status) in new[] { (paid, "PAID"), (expired, "EXPIRED"), (cancelled, "CANCELLED"), (rejected, "REJECTED") })
        {
            Assert.Equal(status, await WaitForAsync(server, id, s => s is not ("REQUESTED" or "PENDING_PAYMENT")));
        }

        var reservationDefaults = new ReservationOptions();
        var apiDefaults = new GraphQLApiOptions();
        return new CorpusWorld(new Dictionary<string, string>
        {
            ["vacantApartment"] = vacant,
            ["paidApartment"] = paidApartment,
            ["paidReservation"] = paid,
            ["expiredReservation"] = expired,
            ["cancelledReservation"] = cancelled,
            ["rejectedReservation"] = rejected,
            ["paidReservationToken"] = tokens[0],
            ["expiredReservationToken"] = tokens[1],
            ["cancelledReservationToken"] = tokens[2],
            ["rejectedReservationToken"] = rejectedToken,
            ["maxRequestBytes"] = Text(server.MaxRequestBytes),
            ["maxIdLength"] = Text(InputRules.MaxIdLength),
            ["maxArnLength"] = Text(StepFunctionsService.MaxArnLength),
            ["minWindowSeconds"] = Text((int)reservationDefaults.MinPaymentWindow.TotalSeconds),
            ["maxWindowSeconds"] = Text(server.MaxPaymentWindowSeconds),
            ["maxComplexity"] = Text(apiDefaults.MaxComplexity),
            ["maxDepth"] = Text(apiDefaults.MaxDepth),
            ["maxIntrospectionDepth"] = Text(apiDefaults.MaxIntrospectionDepth),
            ["maxRootFields"] = Text(apiDefaults.MaxRootFields),
            ["operatorKey"] = server.OperatorKey,
        });
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Starts a reservation and returns its token.</summary>
    private static async Task<string> ReserveAsync(ICorpusServer server, string apartmentId, string reservationId, int paymentWindowSeconds) =>
        (await PostAsync(server, "mutation($input: ReserveApartmentInput!) { reserveApartment(input: $input) { token } }", new { input = new { apartmentId, reservationId, paymentWindowSeconds } }))
            .GetProperty("reserveApartment").GetProperty("token").GetString()!;

    private static async Task<JsonElement> PostAsync(ICorpusServer server, string query, object variables, string? operatorKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (operatorKey is not null)
        {
            request.Headers.Add(OperatorAccessOptions.HeaderName, operatorKey);
        }

        return (await server.SendAsync(request)).Data.Clone();
    }

    private static async Task<string> WaitForAsync(ICorpusServer server, string reservationId, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        string? status = null;
        while (DateTime.UtcNow < deadline)
        {
            var reservation = (await PostAsync(server, "query($id: ID!) { reservation(id: $id) { status } }", new { id = reservationId })).GetProperty("reservation");
            status = reservation.ValueKind == JsonValueKind.Null ? null : reservation.GetProperty("status").GetString();
            if (status is not null && done(status))
            {
                return status;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Reservation {reservationId} was still {status ?? "unknown"} after {Patience.TotalSeconds:0} s.");
        return status!;
    }
}
