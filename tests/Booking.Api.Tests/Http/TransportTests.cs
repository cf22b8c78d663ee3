using System.Net;
using System.Text;
using Booking.Api.Http;

namespace Booking.Api.Tests.Http;

/// <summary>The GraphQL-over-HTTP specification's rules, checked on the transport alone over a tiny schema: methods,
/// media types, request shapes, limits and status codes.</summary>
public sealed class TransportTests(TransportFixture server) : IClassFixture<TransportFixture>
{
    [Fact]
    public async Task Query_over_GET_is_answered_with_200_in_the_graphql_response_media_type()
    {
        var response = await server.GetAsync("query=" + Uri.EscapeDataString("{ __typename }"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(GraphQLMediaTypes.GraphQLResponseJson, response.MediaType);
        Assert.Equal("utf-8", response.Charset);
        Assert.Equal("""{"data":{"__typename":"Query"}}""", response.Body);
    }

    [Fact]
    public async Task POST_selects_the_operation_named_by_operationName()
    {
        var response = await server.PostAsync("query A { a: __typename } query B { b: __typename }", operationName: "B");

        Assert.Equal("""{"data":{"b":"Query"}}""", response.Body);
    }

    [Fact]
    public async Task Request_properties_the_spec_does_not_define_are_ignored()
    {
        var response = await server.PostRawAsync("""{"query":"{ __typename }","variables":null,"operationName":null,"extensions":{"persistedQuery":1},"future":[1]}""", "application/json");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("""{"data":{"__typename":"Query"}}""", response.Body);
    }

    [Fact]
    public async Task GraphiQL_is_off_unless_enabled_so_a_browser_opening_the_endpoint_gets_a_JSON_error()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "graphql");
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        using var response = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no 'query' parameter", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_browser_GET_with_a_query_parameter_is_an_API_call_and_gets_JSON()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "graphql?query=%7B__typename%7D");
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        using var response = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"data":{"__typename":"Query"}}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("application/json", "application/json")]
    [InlineData("application/graphql-response+json", "application/graphql-response+json")]
    [InlineData("application/graphql-response+json, application/json;q=0.9", "application/graphql-response+json")]
    [InlineData("application/json, application/graphql-response+json;q=0.5", "application/json")]
    [InlineData("*/*", "application/json")]
    [InlineData("*/*, application/graphql-response+json", "application/graphql-response+json")]
    [InlineData("application/json, application/graphql-response+json", "application/graphql-response+json")]
    [InlineData("application/*;q=0.5, application/json", "application/json")]
    [InlineData("text/html, application/*", "application/json")]
    [InlineData(null, "application/json")]
    public async Task Response_media_type_is_the_most_preferred_one_the_client_accepts(string? accept, string expected)
    {
        var response = await server.PostAsync("{ __typename }", accept: accept!);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(expected, response.MediaType);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml, text/*")]
    [InlineData("application/json;q=0, application/graphql-response+json;q=0")]
    public async Task Accept_header_that_allows_neither_media_type_is_refused_with_406(string accept)
    {
        var response = await server.PostAsync("{ __typename }", accept: accept);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.Status);
        Assert.Equal(GraphQLMediaTypes.Json, response.MediaType);
        Assert.Equal(
            Expected.RequestError($"Responses are application/graphql-response+json or application/json; the Accept header '{accept}' allows neither.", "NOT_ACCEPTABLE"),
            response.Body);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Methods_other_than_GET_and_POST_are_refused_with_405_and_an_Allow_header(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "graphql") { Content = new StringContent("""{"query":"{ __typename }"}""", Encoding.UTF8, "application/json") };

        var response = await server.SendAsync(request, GraphQLMediaTypes.GraphQLResponseJson);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal("GET, POST", response.Allow);
        Assert.Equal(
            Expected.RequestError($"{method} is not supported here; send queries with GET or POST and mutations with POST.", "METHOD_NOT_ALLOWED"),
            response.Body);
    }

    [Theory]
    [InlineData("text/plain", "; got 'text/plain'.")]
    [InlineData("application/graphql", "; got 'application/graphql'.")]
    [InlineData("application/x-www-form-urlencoded", "; got 'application/x-www-form-urlencoded'.")]
    [InlineData("application/json; charset=utf-16", "; charset 'utf-16' is not supported.")]
    [InlineData(null, "; the request had no Content-Type.")]
    public async Task Body_that_is_not_UTF8_JSON_is_refused_with_415(string? contentType, string reason)
    {
        var response = await server.PostRawAsync("""{"query":"{ __typename }"}""", contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        Assert.Equal(
            Expected.RequestError("Send the request body as JSON with 'Content-Type: application/json' (UTF-8)" + reason, "UNSUPPORTED_MEDIA_TYPE"),
            response.Body);
    }

    [Fact]
    public async Task Content_type_with_utf8_charset_and_any_case_is_accepted()
    {
        var response = await server.PostRawAsync("""{"query":"{ __typename }"}""", "Application/JSON; charset=UTF-8");

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task Body_larger_than_the_limit_is_refused_with_413_before_it_is_parsed()
    {
        var padding = new string(' ', TransportFixture.MaxRequestBytes);

        var response = await server.PostRawAsync("{\"query\":\"{ __typename }\"" + padding + "}", "application/json");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal(
            Expected.RequestError($"The request body is larger than {TransportFixture.MaxRequestBytes} bytes; send a smaller document or fewer variables.", "PAYLOAD_TOO_LARGE"),
            response.Body);
    }

    [Fact]
    public async Task Body_larger_than_the_limit_without_a_Content_Length_is_refused_with_413()
    {
        var body = Encoding.UTF8.GetBytes("{\"query\":\"{ __typename }\"" + new string(' ', TransportFixture.MaxRequestBytes) + "}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "graphql") { Content = new StreamContent(new UnseekableStream(body)) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;

        var response = await server.SendAsync(request, GraphQLMediaTypes.GraphQLResponseJson);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal("PAYLOAD_TOO_LARGE", response.ErrorCode);
    }

    [Theory]
    [InlineData("NONSENSE")]
    [InlineData("{\"query\":")]
    [InlineData("")]
    public async Task Body_that_is_not_JSON_is_refused_with_400(string body)
    {
        var response = await server.PostRawAsync(body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("BAD_REQUEST", response.ErrorCode);
        Assert.StartsWith("The request body is not valid JSON: ", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[{\"query\":\"{ __typename }\"}]", "The request body must be a JSON object such as {\"query\": \"{ __typename }\"}; got an array.")]
    [InlineData("\"{ __typename }\"", "The request body must be a JSON object such as {\"query\": \"{ __typename }\"}; got a string.")]
    [InlineData("{\"qeury\":\"{ __typename }\"}", "The request has no 'query'; send the GraphQL document as a string in 'query'.")]
    [InlineData("{\"query\":null}", "The request has no 'query'; send the GraphQL document as a string in 'query'.")]
    [InlineData("{\"query\":{\"document\":\"{ __typename }\"}}", "'query' must be a string holding the GraphQL document; got an object.")]
    [InlineData("{\"query\":\"{ __typename }\",\"operationName\":7}", "'operationName' must be a string or null; got a number.")]
    [InlineData("{\"query\":\"query Q ($i:Int!) { __typename }\",\"variables\":[7]}", "'variables' must be a JSON object (or null); got an array.")]
    [InlineData("{\"query\":\"{ __typename }\",\"variables\":\"{}\"}", "'variables' must be a JSON object (or null); got a string.")]
    [InlineData("{\"query\":\"{ __typename }\",\"extensions\":true}", "'extensions' must be a JSON object (or null); got a boolean.")]
    public async Task Request_that_is_not_a_well_formed_GraphQL_over_HTTP_request_is_refused_with_400(string body, string message)
    {
        var response = await server.PostRawAsync(body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(GraphQLMediaTypes.GraphQLResponseJson, response.MediaType);
        Assert.Equal(Expected.RequestError(message, "BAD_REQUEST"), response.Body);
    }

    [Theory]
    [InlineData("operationName=x", "The request has no 'query' parameter; put the GraphQL document in ?query=…, or POST it as JSON.")]
    [InlineData("query=%7B__typename%7D&query=%7B__typename%7D", "The 'query' parameter was given 2 times; give it once.")]
    [InlineData("query=%7B__typename%7D&variables=%7Bnope", "'variables' must be a JSON object; it is not valid JSON: ")]
    [InlineData("query=%7B__typename%7D&variables=%5B1%5D", "'variables' must be a JSON object (or null); got an array.")]
    public async Task GET_without_well_formed_parameters_is_refused_with_400(string queryString, string messageStart)
    {
        var response = await server.GetAsync(queryString);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("BAD_REQUEST", response.ErrorCode);
        Assert.StartsWith(messageStart, response.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(GraphQLMediaTypes.GraphQLResponseJson, HttpStatusCode.BadRequest)]
    [InlineData(GraphQLMediaTypes.Json, HttpStatusCode.OK)]
    public async Task Document_that_does_not_parse_is_refused_with_400_or_in_application_json_200(string accept, HttpStatusCode status)
    {
        var response = await server.PostAsync("{", accept: accept);

        Assert.Equal(status, response.Status);
        Assert.Equal(accept, response.MediaType);
        Assert.Equal("SYNTAX_ERROR", response.ErrorCode);
        Assert.StartsWith("Error parsing query: ", response.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("""[{"line":1,"column":2}]""", response.Json.GetProperty("errors")[0].GetProperty("locations").GetRawText());
        Assert.False(response.Json.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Unknown_operationName_is_refused_with_400()
    {
        var response = await server.PostAsync("query A { __typename }", operationName: "B");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("""{"errors":[{"message":"Document does not contain an operation named 'B'.","extensions":{"code":"INVALID_OPERATION_NAME"}}]}""", response.Body);
    }

    [Fact]
    public async Task Several_operations_without_operationName_are_refused_with_400()
    {
        var response = await server.PostAsync("query A { __typename } query B { __typename }");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task GET_reads_variables_and_operationName_from_the_query_string()
    {
        var document = "query A { __typename } query B($name: String!) { hello(name: $name) }";
        var variables = Expected.Of(new { name = "GET" });

        var response = await server.GetAsync($"query={Uri.EscapeDataString(document)}&operationName=B&variables={Uri.EscapeDataString(variables)}&extensions=");

        Assert.Equal("""{"data":{"hello":"Hello, GET!"}}""", response.Body);
    }

    [Theory]
    [InlineData(GraphQLMediaTypes.GraphQLResponseJson, HttpStatusCode.BadRequest)]
    [InlineData(GraphQLMediaTypes.Json, HttpStatusCode.OK)]
    public async Task Document_that_fails_validation_is_refused_with_400_or_in_application_json_200(string accept, HttpStatusCode status)
    {
        var response = await server.PostAsync("{ hello(name: \"a\") colour }", accept: accept);

        Assert.Equal(status, response.Status);
        Assert.Equal(accept, response.MediaType);
        Assert.Equal(
            """{"errors":[{"message":"Cannot query field 'colour' on type 'Query'.","locations":[{"line":1,"column":20}],"extensions":{"code":"FIELDS_ON_CORRECT_TYPE","number":"5.3.1"}}]}""",
            response.Body);
    }

    [Theory]
    [InlineData(GraphQLMediaTypes.GraphQLResponseJson, HttpStatusCode.BadRequest)]
    [InlineData(GraphQLMediaTypes.Json, HttpStatusCode.OK)]
    public async Task Variables_that_do_not_match_their_types_are_refused_with_400_or_in_application_json_200(string accept, HttpStatusCode status)
    {
        var response = await server.PostAsync("query($id: String!) { hello(name: $id) }", new { id = new { nested = true } }, accept: accept);

        Assert.Equal(status, response.Status);
        Assert.Equal(accept, response.MediaType);
        Assert.False(response.Json.TryGetProperty("data", out _));
        Assert.Equal("INVALID_VALUE", response.ErrorCode);
        Assert.Contains("$id", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mutation_over_GET_is_refused_with_405_and_not_run()
    {
        var response = await server.GetAsync("query=" + Uri.EscapeDataString("mutation { echo(text: \"x\") }"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal("POST", response.Allow);
        Assert.False(response.Json.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task A_POST_only_argument_over_GET_is_refused_with_405_and_over_POST_is_answered()
    {
        var document = "{ whisper(" + TransportFixture.SecretArgument + ": \"s\") }";

        var overGet = await server.GetAsync("query=" + Uri.EscapeDataString(document));
        var overPost = await server.PostAsync(document);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, overGet.Status);
        Assert.Contains("send this request with POST", overGet.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("""{"data":{"whisper":"heard"}}""", overPost.Body);
    }

    /// <summary>A body stream of unknown length, so the client must send it chunked, without Content-Length.</summary>
    private sealed class UnseekableStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
