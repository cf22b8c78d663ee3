using System.Net;
using System.Text.Json;
using Xunit;

namespace Booking.Testing.Hosts;

/// <summary>What the host answered to one GraphQL request.</summary>
public sealed record GraphQLResponse(HttpStatusCode Status, string? MediaType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public bool HasErrors => Json.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0;

    /// <summary>The first error's <c>extensions.code</c>, or a note with the body when the request succeeded.</summary>
    public string ErrorCode => HasErrors
        ? Json.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString()!
        : "no error: " + Body;

    /// <summary>The <c>data</c> member; fails the test, showing the body, when the request did not succeed.</summary>
    public JsonElement Data
    {
        get
        {
            Assert.True(Status == HttpStatusCode.OK && !HasErrors, $"Expected data without errors, got {(int)Status}: {Body}");
            return Json.GetProperty("data");
        }
    }

    public static async Task<GraphQLResponse> ReadAsync(HttpResponseMessage response) => new(
        response.StatusCode,
        response.Content.Headers.ContentType?.MediaType,
        await response.Content.ReadAsStringAsync());
}
