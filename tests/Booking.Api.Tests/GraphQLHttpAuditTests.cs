using System.Text.Json;
using Booking.Api.Tests.Http;
using Booking.Testing;
using Xunit.Abstractions;

namespace Booking.Api.Tests;

/// <summary>The GraphQL-over-HTTP reference audit (npm graphql-http, pinned in the lockfile) against the endpoint: every
/// MUST and every SHOULD passes on the transport,, the SHOULDs being what clients that accept only application/json rely on.</summary>
public sealed class GraphQLHttpAuditTests(TransportFixture server, ITestOutputHelper output) : IClassFixture<TransportFixture>
{
    [Fact]
    public async Task Every_MUST_and_SHOULD_of_the_graphql_http_audit_passes()
    {
        var audits = (await NodeScript.RunAsync("graphql-http-audit.mjs", [new Uri(server.Http.BaseAddress!, "graphql").ToString()], TimeSpan.FromMinutes(2)))
            .EnumerateArray().ToList();

        var must = Level(audits, "MUST");
        var should = Level(audits, "SHOULD");
        output.WriteLine($"MUST {must.Count(Passed)}/{must.Count}, SHOULD {should.Count(Passed)}/{should.Count}");
        Assert.Equal((13, 23), (must.Count, should.Count));
        Assert.All(must.Concat(should), audit => Assert.True(Passed(audit), $"{audit.GetProperty("name")}: {audit.GetProperty("reason")}"));
    }

    private static List<JsonElement> Level(List<JsonElement> audits, string level) =>
        [.. audits.Where(a => a.GetProperty("name").GetString()!.StartsWith(level + " ", StringComparison.Ordinal))];

    private static bool Passed(JsonElement audit) => audit.GetProperty("status").GetString() == "ok";
}
