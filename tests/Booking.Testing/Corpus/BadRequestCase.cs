using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Booking.Api.Http;

namespace Booking.Testing.Corpus;

/// <summary>
/// One case of <c>bad-requests.json</c>: how to build the request (<c>method</c>; a raw <c>body</c>, a <c>json</c>
/// body, or <c>bodyBase64</c>; a GET's <c>get</c> parameters or raw <c>queryString</c>; <c>contentType</c> and
/// <c>accept</c>, where null means no header; any other <c>headers</c>, such as the operator key a case needs to reach
/// the refusal it is about) and what must come back (<c>expect</c>: the status, the code of one of the
/// errors, and fragments that error's message must contain).
/// </summary>
public sealed record BadRequestCase(string Name, JsonElement Definition)
{
    public HttpStatusCode Status => (HttpStatusCode)Expect.GetProperty("status").GetInt32();

    public string Code => Expect.GetProperty("code").GetString()!;

    private JsonElement Expect => Definition.GetProperty("expect");

    public IReadOnlyList<string> MessageFragments(CorpusText text) =>
        [.. Expect.GetProperty("message").EnumerateArray().Select(text.Text)];

    public HttpRequestMessage Build(CorpusText text)
    {
        var isGet = Definition.TryGetProperty("get", out var get) | Definition.TryGetProperty("queryString", out var queryString);
        var method = Definition.TryGetProperty("method", out var m) ? m.GetString()! : isGet ? "GET" : "POST";
        var uri = "graphql";
        if (get.ValueKind == JsonValueKind.Object)
        {
            uri += "?" + string.Join('&', get.EnumerateObject().Select(p => p.Name + "=" + Uri.EscapeDataString(
                p.Value.ValueKind == JsonValueKind.String ? text.Text(p.Value) : text.Json(p.Value)!.ToJsonString())));
        }
        else if (queryString.ValueKind != JsonValueKind.Undefined)
        {
            uri += "?" + text.Text(queryString);
        }

        var request = new HttpRequestMessage(new HttpMethod(method), uri);
        if (Body(text) is { } body)
        {
            request.Content = new ByteArrayContent(body);
            var contentType = Definition.TryGetProperty("contentType", out var c) ? c.GetString() : GraphQLMediaTypes.Json;
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        var accept = Definition.TryGetProperty("accept", out var a) ? a.GetString() : GraphQLMediaTypes.GraphQLResponseJson;
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (Definition.TryGetProperty("headers", out var headers))
        {
            foreach (var header in headers.EnumerateObject())
            {
                request.Headers.TryAddWithoutValidation(header.Name, text.Text(header.Value));
            }
        }

        return request;
    }

    public override string ToString() => Name;

    private byte[]? Body(CorpusText text)
    {
        if (Definition.TryGetProperty("body", out var raw))
        {
            return Encoding.UTF8.GetBytes(text.Text(raw));
        }

        if (Definition.TryGetProperty("json", out var json))
        {
            return Encoding.UTF8.GetBytes(text.Json(json)?.ToJsonString() ?? "null");
        }

        return Definition.TryGetProperty("bodyBase64", out var bytes) ? Convert.FromBase64String(bytes.GetString()!) : null;
    }
}
