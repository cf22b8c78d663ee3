using System.Diagnostics;
using System.Net;
using Booking.Core.Apartments;

namespace Booking.Api.Tests;

/// <summary>The limits that keep one request cheap and harmless whoever sends it: reservations per document, root
/// fields per operation, lists costed by the page they return, and introspection costed like the rest.</summary>
[Collection(ApiCollection.Name)]
public sealed class RequestLimitTests(ApiFixture server)
{
    private static readonly GraphQLApiOptions Defaults = new();

    [Theory]
    [InlineData(
        "mutation($one: ID!, $two: ID!, $r1: ID!, $r2: ID!) { a: reserveApartment(input: {apartmentId: $one, reservationId: $r1}) { id } b: reserveApartment(input: {apartmentId: $two, reservationId: $r2}) { id } }",
        "a: reserveApartment, b: reserveApartment")]
    [InlineData(
        "mutation($one: ID!, $two: ID!, $r1: ID!, $r2: ID!) { reserveApartment(input: {apartmentId: $one, reservationId: $r1}) { id } addStepFunction(input: {id: $r2, arn: \"arn:x\", apartmentId: $two}) { id } }",
        "reserveApartment, addStepFunction")]
    [InlineData(
        "mutation($one: ID!, $two: ID!, $r1: ID!, $r2: ID!) { ...Reserve s: addStepFunction(input: {id: $r2, arn: \"arn:x\", apartmentId: $two}) { id } } fragment Reserve on Mutation { reserveApartment(input: {apartmentId: $one, reservationId: $r1}) { id } }",
        "reserveApartment, s: addStepFunction")]
    public async Task A_document_that_would_start_two_reservations_is_refused_before_either_starts(string document, string named)
    {
        var (one, two) = (await server.AddApartmentAsync(), await server.AddApartmentAsync());
        var (r1, r2) = ("r1-" + Guid.NewGuid().ToString("N"), "r2-" + Guid.NewGuid().ToString("N"));

        var response = await server.PostAsync(document, new { one, two, r1, r2 });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("TOO_MANY_RESERVATIONS", response.ErrorCode);
        Assert.Equal($"A request may start at most one reservation; this one starts 2 ({named}). Send each in a request of its own.", response.ErrorMessage);
        Assert.Null(await server.Durable.GetInstanceAsync(r1));
        Assert.Null(await server.Durable.GetInstanceAsync(r2));
        Assert.Equal(ApartmentStatus.Vacant, (await server.Store.GetAsync(one))!.Status);
        Assert.Equal(ApartmentStatus.Vacant, (await server.Store.GetAsync(two))!.Status);
    }

    [Fact]
    public async Task A_document_of_two_reservation_operations_may_run_the_one_it_names()
    {
        var (one, two) = (await server.AddApartmentAsync(), await server.AddApartmentAsync());
        var (r1, r2) = ("r1-" + Guid.NewGuid().ToString("N"), "r2-" + Guid.NewGuid().ToString("N"));
        var document = $$"""
            mutation One { reserveApartment(input: {apartmentId: "{{one}}", reservationId: "{{r1}}", paymentWindowSeconds: 1}) { id } }
            mutation Two { reserveApartment(input: {apartmentId: "{{two}}", reservationId: "{{r2}}", paymentWindowSeconds: 1}) { id } }
            """;

        var response = await server.PostAsync(document, operationName: "Two");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(Expected.Of(new { data = new { reserveApartment = new { id = r2 } } }), response.Body);
        Assert.Null(await server.Durable.GetInstanceAsync(r1));
        await server.WaitForEndAsync(r2);
    }

    [Fact]
    public async Task The_same_reservation_selected_twice_is_one_reservation_because_GraphQL_runs_it_once()
    {
        var apartmentId = await server.AddApartmentAsync();
        var reservationId = "r-" + Guid.NewGuid().ToString("N");
        var field = $"reserveApartment(input: {{apartmentId: \"{apartmentId}\", reservationId: \"{reservationId}\", paymentWindowSeconds: 1}}) {{ id }}";

        var response = await server.PostAsync($"mutation {{ {field} ...Again }} fragment Again on Mutation {{ {field} }}");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(Expected.Of(new { data = new { reserveApartment = new { id = reservationId } } }), response.Body);
        await server.WaitForEndAsync(reservationId);
    }

    [Fact]
    public async Task An_operation_may_select_as_many_root_fields_as_the_limit_allows()
    {
        var fields = string.Join(' ', Enumerable.Range(0, Defaults.MaxRootFields).Select(i => $"t{i}: __typename"));

        var response = await server.PostAsync("{ " + fields + " }");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(Defaults.MaxRootFields, response.Json.GetProperty("data").EnumerateObject().Count());
    }

    [Theory]
    [InlineData("{ ROOT t20: __typename }", 21)]
    [InlineData("{ ...Many ...Many } fragment Many on Query { ROOT u: __typename v: __typename }", 22)]
    [InlineData("{ ... on Query { ROOT } w: __typename x: __typename y: __typename }", 23)]
    public async Task An_operation_with_more_root_fields_than_the_limit_is_refused_counting_its_fragments(string shape, int count)
    {
        var fields = string.Join(' ', Enumerable.Range(0, Defaults.MaxRootFields).Select(i => $"t{i}: __typename"));

        var response = await server.PostAsync(shape.Replace("ROOT", fields, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(
            Expected.RequestError($"The operation selects {count} root fields, aliases and fragments included; at most 20 are allowed on this endpoint (GraphQL:MaxRootFields). Split it into several requests.", "QUERY_TOO_COMPLEX"),
            response.Body);
    }

    [Theory]
    [InlineData("apartments", "{ items { id status } }")]
    [InlineData("reservations", "{ items { id status } }")]
    [InlineData("getStepFunctions", "{ id arn }")]
    public async Task A_list_without_first_is_costed_as_a_page_of_the_default_size(string list, string selection)
    {
        // Ten pages of two fields: 10 × (2 + 2 × 100) = 2020 for apartments, 10 × (1 + 2 × 100) = 2010 for the seed's list.
        var asked = string.Join(' ', Enumerable.Range(0, 10).Select(i => $"a{i}: {list}(first: 20) {selection}"));
        var defaulted = string.Join(' ', Enumerable.Range(0, 10).Select(i => $"a{i}: {list} {selection}"));

        var small = await server.PostAsync("{ " + asked + " }");
        var large = await server.PostAsync("{ " + defaulted + " }");

        Assert.Equal(HttpStatusCode.OK, small.Status);
        Assert.Equal(HttpStatusCode.BadRequest, large.Status);
        Assert.Equal("QUERY_TOO_COMPLEX", large.ErrorCode);
        Assert.Contains(list == "getStepFunctions" ? "Complexity is 2010;" : "Complexity is 2020;", large.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_negative_first_costs_nothing_rather_than_paying_for_the_rest_of_the_document()
    {
        var costly = string.Join(' ', Enumerable.Range(0, 5).Select(i => $"s{i}: getStepFunctions(first: 250) {{ id arn }}"));

        var response = await server.PostAsync("{ n: apartments(first: -1000000) { items { id } } " + costly + " }");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(
            Expected.RequestError("Query is too complex to execute. Complexity is 2507; maximum allowed on this endpoint is 2000.", "QUERY_TOO_COMPLEX"),
            response.Body);
    }

    [Fact]
    public async Task A_first_beyond_the_maximum_page_is_costed_as_the_maximum_and_refused_by_the_list_itself()
    {
        var response = await server.PostAsync("{ reservations(first: 100000) { items { id status } } }");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("BAD_USER_INPUT", response.ErrorCode);
        Assert.Equal($"first is invalid: it must be between 1 and {Defaults.MaxPageSize}; got 100000.", response.ErrorMessage);
    }

    [Fact]
    public async Task GraphiQL_introspection_fits_in_the_complexity_limit_five_times_over()
    {
        var walks = string.Join(' ', Enumerable.Range(0, 5).Select(i => $"s{i}: __schema {{ types {{ ...FullType }} directives {{ name description locations args {{ ...InputValue }} }} }}"));

        var response = await server.PostAsync("{ " + walks + " } " + Introspection.Fragments);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(5, response.Json.GetProperty("data").EnumerateObject().Count());
    }

    [Fact]
    public async Task Twenty_aliased_full_schema_walks_are_refused_for_their_cost()
    {
        var walks = string.Join(' ', Enumerable.Range(0, 20).Select(i => $"s{i}: __schema {{ types {{ ...FullType }} }}"));

        var response = await server.PostAsync("{ " + walks + " } " + Introspection.Fragments);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("QUERY_TOO_COMPLEX", response.ErrorCode);
        Assert.Contains("maximum allowed on this endpoint is 2000.", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hundred_aliased_full_schema_walks_are_refused_within_five_seconds()
    {
        var walks = string.Join(' ', Enumerable.Range(0, 100).Select(i => $"s{i}: __schema {{ types {{ ...FullType }} }}"));
        var clock = Stopwatch.StartNew();

        var response = await server.PostAsync("{ " + walks + " } " + Introspection.Fragments);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Refusing took {clock.Elapsed.TotalSeconds:0.0} s.");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("QUERY_TOO_COMPLEX", response.ErrorCode);
    }
}
