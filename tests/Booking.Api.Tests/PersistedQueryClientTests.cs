using Booking.Testing;

namespace Booking.Api.Tests;

/// <summary>The booking API with Apollo Client's persisted-queries link (npm), as a mobile client would use it, and
/// cached documents that still answer to who sends them.</summary>
[Collection(ApiCollection.Name)]
public sealed class PersistedQueryClientTests(ApiFixture server)
{
    [Fact]
    public async Task Apollo_Client_sends_the_hash_alone_registers_the_document_once_and_then_sends_the_hash_alone_again()
    {
        var run = await NodeScript.RunAsync("apollo-persisted-queries.mjs", [new Uri(server.Http.BaseAddress!, "graphql").ToString()], TimeSpan.FromMinutes(1));
        var sent = run.GetProperty("sent").EnumerateArray().ToList();

        Assert.Equal(3, sent.Count);
        Assert.False(sent[0].GetProperty("hasQuery").GetBoolean());
        Assert.Contains("PERSISTED_QUERY_NOT_FOUND", sent[0].GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.True(sent[1].GetProperty("hasQuery").GetBoolean());
        Assert.False(sent[2].GetProperty("hasQuery").GetBoolean());
        Assert.All(sent, request => Assert.Equal(sent[0].GetProperty("hash").GetString(), request.GetProperty("hash").GetString()));
        Assert.Equal(run.GetProperty("first").GetRawText(), run.GetProperty("second").GetRawText());
        Assert.Contains("\"items\"", run.GetProperty("second").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_cached_from_an_operators_request_is_still_refused_to_a_client()
    {
        var operatorOnly = "mutation($id: ID!) { checkOut(apartmentId: $id) { id } }";
        var id = await server.AddApartmentAsync();

        var byOperator = await server.PostAsOperatorAsync(operatorOnly, new { id });
        var byClient = await server.PostAsync(operatorOnly, new { id });

        Assert.Equal("CONFLICT", byOperator.ErrorCode);
        Assert.Equal("FORBIDDEN", byClient.ErrorCode);
    }

    [Fact]
    public async Task A_cached_document_is_costed_again_with_the_page_sizes_its_variables_ask_for()
    {
        var fields = string.Join(' ', Enumerable.Range(0, 10).Select(i => $"a{i}: apartments(first: $n) {{ items {{ id status }} }}"));
        var document = "query($n: Int) { " + fields + " }";

        var small = await server.PostAsync(document, new { n = 1 });
        var large = await server.PostAsync(document, new { n = 250 });

        Assert.False(small.Json.TryGetProperty("errors", out _), small.Body);
        Assert.Equal("QUERY_TOO_COMPLEX", large.ErrorCode);
    }
}
