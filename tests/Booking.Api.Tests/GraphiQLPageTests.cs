using System.Security.Cryptography;
using System.Text;
using Booking.GraphiQL;
using Microsoft.AspNetCore.Http;

namespace Booking.Api.Tests;

/// <summary>The GraphiQL page as the handler writes it when GraphiQL is on; a real browser opens it in the hosts' tests.</summary>
public sealed class GraphiQLPageTests
{
    [Fact]
    public async Task The_page_loads_nothing_from_elsewhere_and_its_policy_runs_only_the_bundled_script()
    {
        var (page, policy) = await WritePageAsync();

        Assert.Contains("<div id=\"graphiql\">", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", page, StringComparison.OrdinalIgnoreCase);
        // The bundle's own "</script" strings are escaped, so the page's one closing tag ends its one script element.
        Assert.Single(page.Split("</script>")[1..]);
        var start = page.IndexOf("<script>", StringComparison.Ordinal) + "<script>".Length;
        var script = page[start..page.IndexOf("</script>", StringComparison.Ordinal)];
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
        Assert.StartsWith("default-src 'none';", policy, StringComparison.Ordinal);
        Assert.Contains($"script-src 'sha256-{hash}';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-inline'", ScriptSources(policy), StringComparison.Ordinal);
    }

    private static string ScriptSources(string policy) =>
        policy.Split(';', StringSplitOptions.TrimEntries).Single(directive => directive.StartsWith("script-src ", StringComparison.Ordinal));

    private static async Task<(string Page, string Policy)> WritePageAsync()
    {
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;

        await GraphiQLPage.WriteAsync(context.Response, CancellationToken.None);

        return (Encoding.UTF8.GetString(body.ToArray()), context.Response.Headers.ContentSecurityPolicy.ToString());
    }
}
