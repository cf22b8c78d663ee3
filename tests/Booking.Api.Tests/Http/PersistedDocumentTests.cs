using System.Net;
using Booking.Api.Http;
using Booking.Testing;

namespace Booking.Api.Tests.Http;

/// <summary>A transport that trusts one document only, as with <c>GraphQL:TrustedDocumentsOnly</c>.</summary>
public sealed class TrustedTransportFixture : TransportFixture
{
    public const string TrustedDocument = "{ hello(name: \"trusted\") }";

    protected override void Configure(GraphQLHttpOptions options)
    {
        options.TrustedDocumentsOnly = true;
        options.TrustedDocuments = new Dictionary<string, string> { [PersistedQueries.HashOf(TrustedDocument)] = TrustedDocument };
    }
}

/// <summary>Documents sent by hash (Apollo's automatic persisted queries), and the allow-list mode.</summary>
public sealed class PersistedDocumentTests(TransportFixture transport, TrustedTransportFixture trusted)
    : IClassFixture<TransportFixture>, IClassFixture<TrustedTransportFixture>
{
    [Fact]
    public async Task An_unknown_hash_is_PERSISTED_QUERY_NOT_FOUND_and_once_sent_with_its_document_the_hash_alone_runs_it()
    {
        var document = "{ hello(name: \"" + Guid.NewGuid().ToString("N") + "\") }";
        var hash = PersistedQueries.HashOf(document);

        var unknown = await transport.PostRawAsync(ByHash(hash), "application/json");
        var registered = await transport.PostRawAsync(Expected.Of(new { query = document, extensions = Persisted(hash) }), "application/json");
        var byHash = await transport.PostRawAsync(ByHash(hash), "application/json");
        var byHashOverGet = await transport.GetAsync("extensions=" + Uri.EscapeDataString(Expected.Of(Persisted(hash))));

        Assert.Equal((HttpStatusCode.BadRequest, "PERSISTED_QUERY_NOT_FOUND"), (unknown.Status, unknown.ErrorCode));
        Assert.Equal(registered.Body, byHash.Body);
        Assert.Equal(registered.Body, byHashOverGet.Body);
        Assert.StartsWith("""{"data":{"hello":"Hello, """, byHash.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hash_that_is_not_its_documents_is_refused_and_registers_nothing()
    {
        var document = "{ hello(name: \"mismatch\") }";
        var wrongHash = PersistedQueries.HashOf(document + " ");

        var mismatch = await transport.PostRawAsync(Expected.Of(new { query = document, extensions = Persisted(wrongHash) }), "application/json");
        var afterwards = await transport.PostRawAsync(ByHash(wrongHash), "application/json");

        Assert.Equal((HttpStatusCode.BadRequest, "BAD_REQUEST"), (mismatch.Status, mismatch.ErrorCode));
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", afterwards.ErrorCode);
    }

    [Fact]
    public async Task With_trusted_documents_only_the_trusted_one_runs_by_hash_or_in_full_and_nothing_else_runs_or_registers()
    {
        var hash = PersistedQueries.HashOf(TrustedTransportFixture.TrustedDocument);
        const string Other = "{ hello(name: \"other\") }";

        var byHash = await trusted.PostRawAsync(ByHash(hash), "application/json");
        var inFull = await trusted.PostAsync(TrustedTransportFixture.TrustedDocument);
        var other = await trusted.PostAsync(Other);
        var registering = await trusted.PostRawAsync(Expected.Of(new { query = Other, extensions = Persisted(PersistedQueries.HashOf(Other)) }), "application/json");

        Assert.Equal("""{"data":{"hello":"Hello, trusted!"}}""", byHash.Body);
        Assert.Equal(byHash.Body, inFull.Body);
        Assert.Equal((HttpStatusCode.BadRequest, "PERSISTED_QUERY_NOT_TRUSTED"), (other.Status, other.ErrorCode));
        Assert.Equal("PERSISTED_QUERY_NOT_TRUSTED", registering.ErrorCode);
    }

    [Fact]
    public async Task A_cached_document_still_gets_the_rules_of_a_GET()
    {
        const string Mutation = "mutation { echo(text: \"cached\") }";

        var overPost = await transport.PostAsync(Mutation);
        var overGet = await transport.GetAsync("query=" + Uri.EscapeDataString(Mutation));

        Assert.Equal("""{"data":{"echo":"cached"}}""", overPost.Body);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, overGet.Status);
    }

    private static object Persisted(string hash) => new { persistedQuery = new { version = 1, sha256Hash = hash } };

    private static string ByHash(string hash) => Expected.Of(new { extensions = Persisted(hash) });
}
