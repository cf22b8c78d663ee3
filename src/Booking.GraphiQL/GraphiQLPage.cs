using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Booking.GraphiQL;

/// <summary>
/// The GraphiQL IDE as one HTML page: the bundle embedded in this assembly (see Booking.Api.csproj) inlined, so a browser
/// that opens the endpoint loads nothing from any other host, and the content security policy says so too.
/// </summary>
public static partial class GraphiQLPage
{
    private static readonly Lazy<Page> Built = new(Build);

    /// <summary>Whether a request is a browser opening the endpoint: a GET that asks for HTML and carries no
    /// GraphQL query (a GET with <c>?query=</c> is an API call, whatever its Accept header).</summary>
    public static bool IsWanted(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return HttpMethods.IsGet(request.Method)
            && !request.Query.ContainsKey("query")
            && AcceptsHtml(request.Headers.Accept);
    }

    public static async Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.ContentSecurityPolicy = Built.Value.ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        await response.Body.WriteAsync(Built.Value.Html, cancellationToken);
    }

    private static bool AcceptsHtml(StringValues accept) =>
        MediaTypeHeaderValue.TryParseList(accept, out var ranges)
        && ranges.Any(range => range.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) && (range.Quality ?? 1) > 0);

    private static Page Build()
    {
        // The bundle is text an HTML parser must not end early: a "</script" or "</style" inside it is written with
        // an escaped slash, which means the same in JavaScript strings and CSS.
        var script = ClosingTag().Replace(Resource("graphiql.js"), @"<\/");
        var style = ClosingTag().Replace(Resource("graphiql.css"), @"<\/");
        var html = $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>BookingFunctions · GraphiQL</title>
            <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
            <style>{{style}}</style>
            </head>
            <body>
            <div id="graphiql">Loading GraphiQL…</div>
            <script>{{script}}</script>
            </body>
            </html>
            """;
        // Everything the page needs is inline, and the one script it may run is the bundle, named by its hash: a script
        // injected into the page by any other way does not run. It talks only to the endpoint it came from.
        var scriptHash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
        return new Page(
            Encoding.UTF8.GetBytes(html),
            $"default-src 'none'; script-src 'sha256-{scriptHash}'; style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    }

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("GraphiQL." + name)
            ?? throw new InvalidOperationException($"The GraphiQL bundle ({name}) was not embedded; build Booking.Api with Node.js and npm available.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("</(?=script|style)", RegexOptions.IgnoreCase)]
    private static partial Regex ClosingTag();

    private sealed record Page(byte[] Html, string ContentSecurityPolicy);
}
