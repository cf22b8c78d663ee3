using System.Net;
using Booking.Core.Apartments;

namespace Booking.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ApartmentFieldTests(ApiFixture server)
{
    private const string AddApartment = "mutation($id: ID!) { addApartment(id: $id) { id status reservationId reservedUntil } }";

    private const string ReadApartment = "query($id: ID!) { apartment(id: $id) { id status reservationId reservedUntil } }";

    [Fact]
    public async Task AddApartment_by_an_operator_adds_a_vacant_apartment()
    {
        var id = "new-" + Guid.NewGuid().ToString("N");

        var response = await server.PostAsOperatorAsync(AddApartment, new { id });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(
            Expected.Of(new { data = new { addApartment = new { id, status = "VACANT", reservationId = (string?)null, reservedUntil = (string?)null } } }),
            response.Body);
        Assert.Equal(ApartmentStatus.Vacant, (await server.Store.GetAsync(id))!.Status);
    }

    [Fact]
    public async Task AddApartment_by_a_client_is_FORBIDDEN_before_it_runs_and_adds_nothing()
    {
        var id = "new-" + Guid.NewGuid().ToString("N");

        var response = await server.PostAsync(AddApartment, new { id });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("FORBIDDEN", response.ErrorCode);
        Assert.Equal("addApartment is for operators: send the operator key in the x-operator-key header.", response.ErrorMessage);
        Assert.Null(await server.Store.GetAsync(id));
    }

    [Fact]
    public async Task AddApartment_refuses_an_existing_id_with_CONFLICT_and_leaves_it_unchanged()
    {
        var id = await server.AddApartmentAsync();
        var until = DateTimeOffset.UtcNow.AddHours(1);
        await server.Store.ReserveAsync(id, "holder", until);

        var response = await server.PostAsOperatorAsync(AddApartment, new { id });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(
            Expected.FieldError($"Apartment '{id}' already exists; it was left unchanged.", AddApartment, "addApartment", new { code = "CONFLICT" }),
            response.Body);
        var stored = await server.Store.GetAsync(id);
        Assert.Equal(ApartmentStatus.Reserved, stored!.Status);
        Assert.Equal("holder", stored.ReservationId);
    }

    [Theory]
    [InlineData("", "id is invalid: it must not be empty.")]
    [InlineData("   ", "id is invalid: it must not be blank.")]
    public async Task AddApartment_refuses_an_invalid_id_with_BAD_USER_INPUT(string id, string message)
    {
        var response = await server.PostAsOperatorAsync(AddApartment, new { id });

        Assert.Equal(Expected.FieldError(message, AddApartment, "addApartment", new { code = "BAD_USER_INPUT", argument = "id" }), response.Body);
    }

    [Fact]
    public async Task AddApartment_refuses_an_id_longer_than_the_limit()
    {
        var id = new string('x', 129);

        var response = await server.PostAsOperatorAsync(AddApartment, new { id });

        Assert.Equal("BAD_USER_INPUT", response.ErrorCode);
        Assert.Null(await server.Store.GetAsync(new string('x', 128)));
    }

    [Fact]
    public async Task Apartment_shows_an_operator_the_hold_of_a_reservation()
    {
        var id = await server.AddApartmentAsync();
        var until = new DateTimeOffset(2031, 5, 6, 7, 8, 9, 500, TimeSpan.FromHours(2));
        await server.Store.ReserveAsync(id, "holder-1", until);

        var response = await server.PostAsOperatorAsync(ReadApartment, new { id });

        Assert.Equal(
            Expected.Of(new { data = new { apartment = new { id, status = "RESERVED", reservationId = "holder-1", reservedUntil = "2031-05-06T05:08:09.5Z" } } }),
            response.Body);
    }

    [Fact]
    public async Task Apartment_shows_a_client_that_it_is_held_but_not_by_whom_or_until_when()
    {
        var id = await server.AddApartmentAsync();
        await server.Store.ReserveAsync(id, "holder-2", DateTimeOffset.UtcNow.AddMinutes(10));

        var response = await server.PostAsync(ReadApartment, new { id });

        Assert.Equal(
            Expected.Of(new { data = new { apartment = new { id, status = "RESERVED", reservationId = (string?)null, reservedUntil = (string?)null } } }),
            response.Body);
    }

    [Fact]
    public async Task Apartment_is_null_for_an_unknown_id()
    {
        var response = await server.GetAsync("query=" + Uri.EscapeDataString("{ apartment(id: \"nobody-home\") { id } }"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("""{"data":{"apartment":null}}""", response.Body);
    }

    [Fact]
    public async Task Apartments_lists_every_apartment_with_its_status_and_to_an_operator_its_holder()
    {
        var vacant = await server.AddApartmentAsync("list");
        var paid = await server.AddApartmentAsync("list");
        await server.Store.ReserveAsync(paid, "payer", DateTimeOffset.UtcNow.AddHours(1));
        await server.Store.ConfirmPaymentAsync(paid, "payer");

        var response = await server.PostAsOperatorAsync("{ apartments(first: 250) { items { id status reservationId } } }");

        var listed = response.Json.GetProperty("data").GetProperty("apartments").GetProperty("items").EnumerateArray().Select(a => a.GetRawText()).ToList();
        Assert.Contains(Expected.Of(new { id = vacant, status = "VACANT", reservationId = (string?)null }), listed);
        Assert.Contains(Expected.Of(new { id = paid, status = "PAID", reservationId = "payer" }), listed);
    }
}
