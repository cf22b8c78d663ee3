using System.Net;
using System.Text;
using Booking.Api.Http;
using Booking.Core.Apartments;

namespace Booking.Api.Tests;

/// <summary>The booking API over HTTP: what the transport's rules mean for its own fields — nothing written by a
/// refused request, tokens kept out of URLs, its limits and its field errors.</summary>
[Collection(ApiCollection.Name)]
public sealed class BookingOverHttpTests(ApiFixture server)
{
    private const string AddApartment = "mutation($id: ID!) { addApartment(id: $id) { id } }";

    private const string Reserve = "mutation($apartmentId: ID!, $reservationId: ID) { reserveApartment(input: {apartmentId: $apartmentId, reservationId: $reservationId}) { id } }";

    [Fact]
    public async Task Mutation_over_GET_is_refused_with_405_and_nothing_is_written()
    {
        var apartmentId = await server.AddApartmentAsync();
        var reservationId = "via-get-" + Guid.NewGuid().ToString("N");

        var response = await server.GetAsync($"query={Uri.EscapeDataString(Reserve)}&variables={Uri.EscapeDataString(Expected.Of(new { apartmentId, reservationId }))}");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal("POST", response.Allow);
        Assert.Equal(
            Expected.RequestError("Mutations cannot be sent with GET, which must stay safe to repeat; send this request with POST.", "METHOD_NOT_ALLOWED"),
            response.Body);
        Assert.Null(await server.Durable.GetInstanceAsync(reservationId));
        Assert.Equal(ApartmentStatus.Vacant, (await server.Store.GetAsync(apartmentId))!.Status);
    }

    [Fact]
    public async Task GET_may_run_the_query_of_a_document_that_also_holds_a_mutation()
    {
        var apartmentId = await server.AddApartmentAsync();
        var reservationId = "never-" + Guid.NewGuid().ToString("N");
        var document = $"query Q {{ __typename }} mutation M {{ reserveApartment(input: {{apartmentId: \"{apartmentId}\", reservationId: \"{reservationId}\"}}) {{ id }} }}";

        var response = await server.GetAsync($"query={Uri.EscapeDataString(document)}&operationName=Q");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Null(await server.Durable.GetInstanceAsync(reservationId));
    }

    [Theory]
    [InlineData("query($id: ID!, $token: String) { reservation(id: $id, token: $token) { status } }", "&variables=" + "%7B%22id%22%3A%22r-1%22%2C%22token%22%3A%22secret%22%7D")]
    [InlineData("{ reservation(id: \"r-1\", token: \"secret\") { status } }", "")]
    [InlineData("query A { __typename } query B { reservation(id: \"r-1\", token: \"secret\") { status } }", "&operationName=A")]
    public async Task A_token_over_GET_is_refused_with_405_wherever_it_sits_in_the_document(string document, string parameters)
    {
        var response = await server.GetAsync($"query={Uri.EscapeDataString(document)}{parameters}");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal("POST", response.Allow);
        Assert.Equal(
            Expected.RequestError("A token must not travel in a URL, where logs and browser history keep it; send this request with POST, the token in its body or variables.", "METHOD_NOT_ALLOWED"),
            response.Body);
    }

    [Fact]
    public async Task A_reservation_read_over_GET_without_a_token_is_answered()
    {
        var response = await server.GetAsync("query=" + Uri.EscapeDataString("{ reservation(id: \"nobody\") { status } }"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("""{"data":{"reservation":null}}""", response.Body);
    }

    [Fact]
    public async Task Missing_required_variable_is_refused_with_400_and_nothing_is_written()
    {
        var response = await server.PostAsOperatorAsync(AddApartment);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("INVALID_VALUE", response.ErrorCode);
    }

    [Fact]
    public async Task Document_over_the_complexity_limit_is_refused_with_400_before_it_runs()
    {
        // Each aliased page scores 1, its list of items 1 + 100 (the default page) × 3 scalar fields = 301; 15 of them
        // exceed the limit of 2000.
        var fields = string.Join(' ', Enumerable.Range(0, 15).Select(i => $"a{i}: apartments {{ items {{ id status reservationId }} }}"));

        var response = await server.PostAsync("{ " + fields + " }");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(
            Expected.RequestError("Query is too complex to execute. Complexity is 4530; maximum allowed on this endpoint is 2000.", "QUERY_TOO_COMPLEX"),
            response.Body);
    }

    [Fact]
    public async Task Introspection_deeper_than_its_limit_is_refused_with_400()
    {
        var nested = "name";
        for (var i = 0; i < 8; i++)
        {
            nested = $"fields {{ type {{ {nested} }} }}";
        }

        var response = await server.PostAsync("{ __schema { types { " + nested + " } } }");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(
            Expected.RequestError("Introspection is too nested to execute: 19 levels; the maximum is 15.", "QUERY_TOO_COMPLEX"),
            response.Body);
    }

    [Fact]
    public async Task GraphiQL_introspection_query_is_answered_and_describes_the_schema()
    {
        var response = await server.PostAsync(Introspection.Query);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var types = response.Json.GetProperty("data").GetProperty("__schema").GetProperty("types").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Contains("stepfunctions", types);
        Assert.Contains("DateTime", types);
        Assert.Contains("ReservationStatus", types);
    }

    [Fact]
    public async Task Field_error_leaves_a_200_with_data_and_errors_and_other_fields_answered()
    {
        var id = await server.AddApartmentAsync();

        var response = await server.PostAsOperatorAsync("mutation($id: ID!) { first: addApartment(id: $id) { id } }", new { id });
        const string Read = "query($id: ID!) { ok: apartment(id: $id) { status } bad: reservation(id: \"a/b\") { id } }";
        var read = await server.PostAsync(Read, new { id });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("CONFLICT", response.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(
            Expected.Of(new
            {
                errors = new[]
                {
                    new
                    {
                        message = "id is invalid: it must not contain '/', '\\', '#' or '?'.",
                        locations = new[] { new { line = 1, column = Read.IndexOf("bad:", StringComparison.Ordinal) + 1 } },
                        path = new[] { "bad" },
                        extensions = new { code = "BAD_USER_INPUT", argument = "id" },
                    },
                },
                data = new { ok = new { status = "VACANT" }, bad = (object?)null },
            }),
            read.Body);
        Assert.Equal(ApartmentStatus.Vacant, (await server.Store.GetAsync(id))!.Status);
    }

}
