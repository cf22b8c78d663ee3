using System.Text.Encodings.Web;
using System.Text.Json;

namespace Booking.Api.Tests;

/// <summary>Builds expected response text from a test's own inputs, escaped as the API escapes.</summary>
internal static class Expected
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A JSON string literal, or null.</summary>
    public static string Str(string? value) => JsonSerializer.Serialize(value, Options);

    public static string Time(DateTimeOffset? value) => value is null ? "null" : Str(Schema.UtcDateTimeGraphType.ToText(value.Value));
}
