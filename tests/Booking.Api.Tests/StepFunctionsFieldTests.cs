using System.Net;
using Booking.Core.Apartments;
using Booking.Core.Reservations;

namespace Booking.Api.Tests;

/// <summary>The seed's AppSync fields, driven with the seed's own documents.</summary>
[Collection(ApiCollection.Name)]
public sealed class StepFunctionsFieldTests(ApiFixture server)
{
    [Fact]
    public async Task Seed_addStepFunction_document_starts_a_reservation_of_the_default_apartment_and_echoes_id_and_arn()
    {
        // The one test that uses the seed's hard-coded apartment, so no other test competes for it.
        await server.Store.AddAsync("1234567");
        var id = "seed-" + Guid.NewGuid().ToString("N");
        var arn = "arn:aws:states:us-east-2:132260253285:stateMachine:CdkApartmentStateMachine";
        var document = $$"""mutation addStepFunction { addStepFunction(input: {id: "{{id}}", arn: "{{arn}}"}) { id arn } }""";

        var response = await server.PostAsync(document, accept: "application/json");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(Expected.Of(new { addStepFunction = new { id, arn } }), response.Json.GetProperty("data").GetRawText());

        // The seed's shape is unchanged; the reservation's token, for its holder to cancel it, rides in extensions.
        Assert.Matches("^[A-Za-z0-9_-]{43}$", response.Json.GetProperty("extensions").GetProperty("tokens").GetProperty("addStepFunction").GetString());
        var ended = await server.WaitForEndAsync(id);
        var outcome = ended.ReadOutputAs<ReservationOutcome>()!;
        Assert.Equal("1234567", outcome.ApartmentId);
        Assert.Equal(ReservationStatus.Expired, outcome.Status);
        Assert.Equal(TimeSpan.FromSeconds(ApiFixture.DefaultPaymentWindowSeconds), outcome.ExpiresAt - outcome.RequestedAt);
        Assert.Equal(ApartmentStatus.Vacant, (await server.Store.GetAsync("1234567"))!.Status);
    }

    [Fact]
    public async Task AddStepFunction_reserves_the_apartment_it_names_and_getStepFunctions_lists_it_with_its_arn()
    {
        var apartmentId = await server.AddApartmentAsync();
        var id = "sf-" + Guid.NewGuid().ToString("N");
        var arn = "arn:aws:states:us-east-2:1:execution:m:" + id;

        await server.PostAsync("mutation($input: StepFunctionsInput!) { addStepFunction(input: $input) { id arn } }", new { input = new { id, arn, apartmentId } });
        await server.WaitForHoldAsync(id);
        var listed = await server.PostAsync("{ getStepFunctions { id arn } }");

        Assert.Equal(id, (await server.Store.GetAsync(apartmentId))!.ReservationId);
        var entries = listed.Json.GetProperty("data").GetProperty("getStepFunctions").EnumerateArray().Select(e => e.GetRawText()).ToList();
        Assert.Contains(Expected.Of(new { id, arn }), entries);
        await server.WaitForEndAsync(id);
    }

    [Fact]
    public async Task GetStepFunctions_shows_reservations_started_without_an_arn_by_workflow_and_id()
    {
        var apartmentId = await server.AddApartmentAsync();
        var reservationId = "plain-" + Guid.NewGuid().ToString("N");
        await server.PostAsync("mutation($input: ReserveApartmentInput!) { reserveApartment(input: $input) { id } }", new { input = new { apartmentId, reservationId, paymentWindowSeconds = 1 } });

        var listed = await server.PostAsync("{ getStepFunctions { id arn } }");

        var entries = listed.Json.GetProperty("data").GetProperty("getStepFunctions").EnumerateArray().Select(e => e.GetRawText()).ToList();
        Assert.Contains(Expected.Of(new { id = reservationId, arn = "ReservationOrchestrator/" + reservationId }), entries);
        await server.WaitForEndAsync(reservationId);
    }

    [Fact]
    public async Task AddStepFunction_with_a_known_id_starts_nothing_and_keeps_the_first_arn()
    {
        var apartmentId = await server.AddApartmentAsync();
        var id = "twice-" + Guid.NewGuid().ToString("N");
        const string Document = "mutation($input: StepFunctionsInput!) { addStepFunction(input: $input) { id arn } }";
        await server.PostAsync(Document, new { input = new { id, arn = "first", apartmentId } });

        var again = await server.PostAsync(Document, new { input = new { id, arn = "second", apartmentId } });

        Assert.Equal(Expected.Of(new { data = new { addStepFunction = new { id, arn = "second" } } }), again.Body);
        var listed = await server.PostAsync("{ getStepFunctions { id arn } }");
        var entries = listed.Json.GetProperty("data").GetProperty("getStepFunctions").EnumerateArray().Select(e => e.GetRawText()).ToList();
        Assert.Contains(Expected.Of(new { id, arn = "first" }), entries);
        await server.WaitForEndAsync(id);
    }

    [Theory]
    [InlineData("ok-id", "", "arn", "arn is invalid: it must not be empty or blank.")]
    [InlineData("bad#id", "arn:x", "id", "id is invalid: it must not contain '/', '\\', '#' or '?'.")]
    public async Task AddStepFunction_refuses_invalid_input_with_BAD_USER_INPUT(string id, string arn, string argument, string message)
    {
        const string Document = "mutation($input: StepFunctionsInput!) { addStepFunction(input: $input) { id arn } }";

        var response = await server.PostAsync(Document, new { input = new { id, arn } });

        Assert.Equal(Expected.FieldError(message, Document, "addStepFunction", new { code = "BAD_USER_INPUT", argument }, nullableField: true), response.Body);
    }
}
