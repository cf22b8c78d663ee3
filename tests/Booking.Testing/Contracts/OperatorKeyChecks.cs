using System.Net.Http.Headers;
using Booking.Core.Apartments;
using Booking.Testing.Hosts;
using Xunit;

namespace Booking.Testing.Contracts;

/// <summary>
/// With keys configured, the operator fields need the operator key: checked from outside on any host whose
/// <see cref="IBookingHost.PostAsync"/> sends the client key by default and whose operator key is
/// <paramref name="operatorKey"/>.
/// </summary>
public static class OperatorKeyChecks
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task ClientKeyCannotConfirmPaymentOrCheckOutAndOperatorKeyCanAsync(IBookingHost host, DynamoDbApartmentStore table, string operatorKey)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var (apartmentId, reservationId, bystander) = ("op-" + suffix, "r-op-" + suffix, "op-other-" + suffix);
        await host.AddApartmentAsync(apartmentId);
        await host.AddApartmentAsync(bystander);
        await host.ReserveAsync(apartmentId, reservationId, paymentWindowSeconds: 60);
        Action<HttpRequestHeaders> wrongOperatorKey = h => h.Add("x-operator-key", operatorKey + "x");
        Action<HttpRequestHeaders> withOperatorKey = h => h.Add("x-operator-key", operatorKey);
        const string Confirm = "mutation($id: ID!) { confirmPayment(reservationId: $id) { id status } }";
        const string CheckOut = "mutation($id: ID!) { checkOut(apartmentId: $id) { id status } }";

        var byClient = await host.PostAsync(Confirm, new { id = reservationId });
        var byWrongKey = await host.PostAsync(Confirm, new { id = reservationId }, AndClientKey(host, wrongOperatorKey));
        var checkOutByClient = await host.PostAsync(CheckOut, new { id = apartmentId });

        // A document that reserves and then confirms is refused as a whole: the reservation before it is not made.
        var reserveThenConfirm = await host.PostAsync(
            "mutation($a: ID!, $r: ID!) { reserveApartment(input: {apartmentId: $a, reservationId: $r}) { id } confirmPayment(reservationId: $r) { id } }",
            new { a = bystander, r = "r-" + bystander });

        foreach (var (what, response) in new[] { ("client key", byClient), ("wrong operator key", byWrongKey), ("checkOut by a client", checkOutByClient), ("reserve then confirm", reserveThenConfirm) })
        {
            Assert.True(!response.Json.TryGetProperty("data", out _), $"{what}: the document ran: {response.Body}");
            var code = response.Json.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString();
            Assert.True(code == "FORBIDDEN", $"{what}: expected FORBIDDEN, got {response.Body}");
            Assert.Contains("x-operator-key", response.Body, StringComparison.Ordinal);
        }

        Assert.Equal(BookingApi.PendingPayment, await host.ReservationStatusAsync(reservationId));
        Assert.Equal(ApartmentStatus.Reserved, (await table.GetAsync(apartmentId))!.Status);
        Assert.Null(await host.ReservationStatusAsync("r-" + bystander));
        Assert.Equal(ApartmentStatus.Vacant, (await table.GetAsync(bystander))!.Status);

        var confirmed = await host.PostAsync(Confirm, new { id = reservationId }, AndClientKey(host, withOperatorKey));
        Assert.False(confirmed.HasErrors, confirmed.Body);
        Assert.Equal(BookingApi.Paid, await host.WaitForFinalStatusAsync(reservationId, DateTime.UtcNow + Patience));
        var checkedOut = await host.PostAsync(CheckOut, new { id = apartmentId }, AndClientKey(host, withOperatorKey));
        Assert.Equal("VACANT", checkedOut.Data.GetProperty("checkOut").GetProperty("status").GetString());
    }

    /// <summary>Headers that keep the client key the host sends by default and add <paramref name="more"/>.</summary>
    private static Action<HttpRequestHeaders> AndClientKey(IBookingHost host, Action<HttpRequestHeaders> more) => headers =>
    {
        host.AddClientKey(headers);
        more(headers);
    };
}
