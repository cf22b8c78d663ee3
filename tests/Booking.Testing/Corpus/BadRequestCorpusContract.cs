using System.Net;
using System.Text.Json;
using Booking.Api.Errors;
using Booking.Testing.Hosts;
using Xunit;
using Xunit.Abstractions;

namespace Booking.Testing.Corpus;

/// <summary>
/// Every malformed, hostile or pointless request in <c>bad-requests.json</c>, sent over real HTTP to a host: each must
/// be refused with a 4xx, or a 200 carrying GraphQL errors, never a 5xx; every error has a message and a code; the
/// message names the problem; and neither the table nor the set of workflows changes. Each host runs it through a
/// subclass whose fixture is the <see cref="ICorpusServer"/>.
/// </summary>
public abstract class BadRequestCorpusContract(ICorpusServer server, ITestOutputHelper output)
{
    public static TheoryData<string> Cases => BadRequestCorpus.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_request_is_refused_with_a_coded_error_that_names_the_problem_and_changes_nothing(string name)
    {
        var badRequest = BadRequestCorpus.All[name];
        var text = new CorpusText(await server.WorldAsync(), "unknown-" + Guid.NewGuid().ToString("N"));
        var before = await server.SnapshotAsync();

        using var request = badRequest.Build(text);
        var response = await server.SendAsync(request);

        output.WriteLine($"{(int)response.Status} {response.Body}");
        before.AssertUnchangedIn(await server.SnapshotAsync(), name);
        Assert.True((int)response.Status < 500, $"A server error: {(int)response.Status}.");
        Assert.Equal(badRequest.Status, response.Status);
        var errors = ErrorsOf(response);
        Assert.All(errors, error =>
        {
            Assert.False(string.IsNullOrWhiteSpace(error.Message), "An error without a message.");
            Assert.False(string.IsNullOrWhiteSpace(error.Code), $"An error without extensions.code: {error.Message}");
            Assert.DoesNotContain(error.Code, new[] { ApiErrorCodes.InternalServerError, ApiErrorCodes.ServiceUnavailable });
        });
        var named = errors.FirstOrDefault(e => e.Code == badRequest.Code);
        Assert.True(named.Code is not null, $"No error has the code {badRequest.Code}: {response.Body}");
        Assert.All(badRequest.MessageFragments(text), fragment => Assert.Contains(fragment, named.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_corpus_case_expects_a_refusal_with_a_code_and_a_message_fragment()
    {
        Assert.NotEmpty(BadRequestCorpus.All);
        Assert.All(BadRequestCorpus.All.Values, badRequest =>
        {
            Assert.True(badRequest.Status == HttpStatusCode.OK || (int)badRequest.Status is >= 400 and < 500, $"{badRequest.Name}: status {badRequest.Status}");
            Assert.False(string.IsNullOrEmpty(badRequest.Code), badRequest.Name);
            Assert.NotEmpty(badRequest.Definition.GetProperty("expect").GetProperty("message").EnumerateArray());
        });
        output.WriteLine($"{BadRequestCorpus.All.Count} cases in {BadRequestCorpus.FileName}");
    }

    private static List<(string? Message, string? Code)> ErrorsOf(GraphQLResponse response)
    {
        JsonElement json;
        try
        {
            json = response.Json;
        }
        catch (JsonException e)
        {
            Assert.Fail($"The body is not JSON ({e.Message}): {response.Body}");
            throw;
        }

        Assert.True(json.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0, $"No errors array: {response.Body}");
        return [.. errors.EnumerateArray().Select(e => (
            e.TryGetProperty("message", out var m) ? m.GetString() : null,
            e.TryGetProperty("extensions", out var x) && x.TryGetProperty("code", out var c) ? c.GetString() : null))];
    }
}
