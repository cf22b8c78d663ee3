using System.Globalization;
using Booking.Api.Services;
using Booking.Core.Configuration;
using Booking.Core.Validation;

namespace Booking.Api.Tests.Reliability;

/// <summary>
/// The state the corpus's cases name by placeholder: an apartment that exists, and reservations that have ended each
/// way a reservation can end. Created through the API before any case runs, so no case depends on another.
/// </summary>
public sealed class CorpusWorld
{
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

    public static async Task<CorpusWorld> CreateAsync(ReliabilityServer server)
    {
        var vacant = await server.AddApartmentAsync("corpus-vacant");
        var paidApartment = await server.AddApartmentAsync("corpus-paid");
        var expiredApartment = await server.AddApartmentAsync("corpus-expired");
        var cancelledApartment = await server.AddApartmentAsync("corpus-cancelled");
        var paid = "corpus-paid-" + Guid.NewGuid().ToString("N");
        var expired = "corpus-expired-" + Guid.NewGuid().ToString("N");
        var cancelled = "corpus-cancelled-" + Guid.NewGuid().ToString("N");
        var rejected = "corpus-rejected-" + Guid.NewGuid().ToString("N");

        await Task.WhenAll(
            server.ReserveAsync(paidApartment, paid, 60),
            server.ReserveAsync(expiredApartment, expired, 1),
            server.ReserveAsync(cancelledApartment, cancelled, 60));
        await server.DecidedAsync(paid);
        await server.DecidedAsync(cancelled);
        await server.SendEventAsync("confirmPayment", paid);
        await server.SendEventAsync("cancelReservation", cancelled);
        await server.ReserveAsync(paidApartment, rejected, 60);

        foreach (var (id, status) in new[] { (paid, "PAID"), (expired, "EXPIRED"), (cancelled, "CANCELLED"), (rejected, "REJECTED") })
        {
            Assert.Equal(status, ApiServer.Status(await server.EndedAsync(id)));
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
            ["maxRequestBytes"] = Text(ApiServer.MaxRequestBytes),
            ["maxIdLength"] = Text(InputRules.MaxIdLength),
            ["maxArnLength"] = Text(ReservationService.MaxArnLength),
            ["minWindowSeconds"] = Text((int)reservationDefaults.MinPaymentWindow.TotalSeconds),
            ["maxWindowSeconds"] = Text(ApiServer.MaxPaymentWindowSeconds),
            ["maxComplexity"] = Text(apiDefaults.MaxComplexity),
            ["maxDepth"] = Text(apiDefaults.MaxDepth),
            ["maxIntrospectionDepth"] = Text(apiDefaults.MaxIntrospectionDepth),
        });
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
