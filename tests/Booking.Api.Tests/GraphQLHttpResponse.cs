using System.Net;
using System.Text.Json;

namespace Booking.Api.Tests;

/// <summary>What came back: status, media type, Allow header and the body, as text and parsed.</summary>
public sealed record GraphQLHttpResponse(HttpStatusCode Status, string? MediaType, string? Charset, string? Allow, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>The first error's <c>extensions.code</c>.</summary>
    public string? ErrorCode => Json.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString();

    public string? ErrorMessage => Json.GetProperty("errors")[0].GetProperty("message").GetString();

    public static async Task<GraphQLHttpResponse> ReadAsync(HttpResponseMessage response) => new(
        response.StatusCode,
        response.Content.Headers.ContentType?.MediaType,
        response.Content.Headers.ContentType?.CharSet,
        response.Content.Headers.Allow.Count == 0 ? null : string.Join(", ", response.Content.Headers.Allow),
        await response.Content.ReadAsStringAsync());
}
