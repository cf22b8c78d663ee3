using Booking.Core.Apartments;
using Booking.Testing.Hosts;
using Xunit;

namespace Booking.Testing.Contracts;

/// <summary>
/// With keys configured, the operator fields need the operator key and only operators see who holds an apartment:
/// checked from outside on any host whose <see cref="IBookingHost.PostAsync"/> sends the client key by default and whose
/// operator key is <paramref name="operatorKey"/>.
/// </summary>
public static class OperatorKeyChecks
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task ClientKeyCannotUseOperatorFieldsAndOperatorKeyCanAsync(IBookingHost host, DynamoDbApartmentStore table, string operatorKey)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var (apartmentId, reservationId, bystander, added) = ("op-" + suffix, "r-op-" + suffix, "op-other-" + suffix, "op-new-" + suffix);
        await host.AddApartmentAsync(apartmentId, operatorKey);
        await host.AddApartmentAsync(bystander, operatorKey);
        await host.ReserveAsync(apartmentId, reservationId, paymentWindowSeconds: 60);
        const string Confirm = "mutation($id: ID!) { confirmPayment(reservationId: $id) { id status } }";
        const string CheckOut = "mutation($id: ID!) { checkOut(apartmentId: $id) { id status } }";
        const string Add = "mutation($id: ID!) { addApartment(id: $id) { id } }";
        const string Hold = "query($id: ID!) { apartment(id: $id) { status reservationId reservedUntil } }";

        var byClient = await host.PostAsync(Confirm, new { id = reservationId });
        var byWrongKey = await host.PostAsync(Confirm, new { id = reservationId }, host.AsOperator(operatorKey + "x"));
        var checkOutByClient = await host.PostAsync(CheckOut, new { id = apartmentId });
        var addByClient = await host.PostAsync(Add, new { id = added });
        var holdForClient = (await host.PostAsync(Hold, new { id = apartmentId })).Data.GetProperty("apartment");
        var holdForOperator = (await host.PostAsync(Hold, new { id = apartmentId }, host.AsOperator(operatorKey))).Data.GetProperty("apartment");

        // A document that reserves and then confirms is refused as a whole: the reservation before it is not made.
        var reserveThenConfirm = await host.PostAsync(
            "mutation($a: ID!, $r: ID!) { reserveApartment(input: {apartmentId: $a, reservationId: $r}) { id } confirmPayment(reservationId: $r) { id } }",
            new { a = bystander, r = "r-" + bystander });

        foreach (var (what, response) in new[] { ("client key", byClient), ("wrong operator key", byWrongKey), ("checkOut by a client", checkOutByClient), ("addApartment by a client", addByClient), ("reserve then confirm", reserveThenConfirm) })
        {
            Assert.True(!response.Json.TryGetProperty("data", out _), $"{what}: the document ran: {response.Body}");
            var code = response.Json.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString();
            Assert.True(code == "FORBIDDEN", $"{what}: expected FORBIDDEN, got {response.Body}");
            Assert.Contains("x-operator-key", response.Body, StringComparison.Ordinal);
        }

        Assert.Equal(("RESERVED", (string?)null, (string?)null), (holdForClient.GetProperty("status").GetString(), holdForClient.GetProperty("reservationId").GetString(), holdForClient.GetProperty("reservedUntil").GetString()));
        Assert.Equal(reservationId, holdForOperator.GetProperty("reservationId").GetString());
        Assert.NotNull(holdForOperator.GetProperty("reservedUntil").GetString());
        Assert.Null(await table.GetAsync(added));
        Assert.Equal(BookingApi.PendingPayment, await host.ReservationStatusAsync(reservationId));
        Assert.Equal(ApartmentStatus.Reserved, (await table.GetAsync(apartmentId))!.Status);
        Assert.Null(await host.ReservationStatusAsync("r-" + bystander));
        Assert.Equal(ApartmentStatus.Vacant, (await table.GetAsync(bystander))!.Status);

        var confirmed = await host.PostAsync(Confirm, new { id = reservationId }, host.AsOperator(operatorKey));
        Assert.False(confirmed.HasErrors, confirmed.Body);
        Assert.Equal(BookingApi.Paid, await host.WaitForFinalStatusAsync(reservationId, DateTime.UtcNow + Patience));
        var checkedOut = await host.PostAsync(CheckOut, new { id = apartmentId }, host.AsOperator(operatorKey));
        Assert.Equal("VACANT", checkedOut.Data.GetProperty("checkOut").GetProperty("status").GetString());
    }
}
