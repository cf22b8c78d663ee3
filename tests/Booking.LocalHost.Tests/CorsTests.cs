using System.Globalization;
using Booking.Testing;

namespace Booking.LocalHost.Tests;

/// <summary>
/// CORS from a real browser: a front end on the allowed origin can call the API, one on any other origin cannot read
/// its answers. (The Function App leaves CORS to its host: <c>Host.CORS</c> of local.settings.json under
/// <c>func start</c>, <c>siteConfig.cors</c> in Azure; the open-source host the tests use applies neither.)
/// </summary>
public sealed class CorsTests(CorsHostFixture cors) : IClassFixture<CorsHostFixture>
{
    private static readonly TimeSpan BrowserPatience = TimeSpan.FromMinutes(2);

    private LocalHostProcess Host => cors.Host;

    [Fact]
    public async Task A_page_on_the_allowed_origin_can_call_the_API_from_a_browser_and_a_page_on_another_origin_cannot()
    {
        Chromium.Require();
        var endpoint = new Uri(Host.Http.BaseAddress!, "graphql").ToString();
        var otherPort = FreePort.Next();

        var allowed = await NodeScript.RunAsync("cors-from-another-origin.mjs", [endpoint, cors.AllowedPagePort.ToString(CultureInfo.InvariantCulture)], BrowserPatience);
        var other = await NodeScript.RunAsync("cors-from-another-origin.mjs", [endpoint, otherPort.ToString(CultureInfo.InvariantCulture)], BrowserPatience);

        Assert.True(allowed.TryGetProperty("status", out var status) && status.GetInt32() == 200, $"The allowed origin's call failed: {allowed}");
        Assert.Contains("__typename", allowed.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.True(other.TryGetProperty("error", out _), $"A page on {other.GetProperty("origin")} got an answer it must not read: {other}");
    }

    [Fact]
    public async Task Preflight_from_the_allowed_origin_is_answered_and_one_from_another_origin_allows_nothing()
    {
        using var allowed = await PreflightAsync(cors.AllowedOrigin);
        using var other = await PreflightAsync("http://127.0.0.1:1");

        Assert.True(allowed.IsSuccessStatusCode, $"Preflight answered {(int)allowed.StatusCode}.");
        Assert.Equal(cors.AllowedOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private async Task<HttpResponseMessage> PreflightAsync(string origin)
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "graphql");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        return await Host.Http.SendAsync(preflight);
    }
}
