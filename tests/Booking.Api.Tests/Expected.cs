using System.Text.Encodings.Web;
using System.Text.Json;

namespace Booking.Api.Tests;

/// <summary>
/// Builds expected response text from a test's own inputs: an anonymous object serialises with its properties in
/// the order written and nulls kept, escaped as the API escapes, so it compares with the response byte for byte.
/// </summary>
internal static class Expected
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Of(object value) => JsonSerializer.Serialize(value, Options);

    /// <summary>A DateTime as the schema writes it.</summary>
    public static string? Time(DateTimeOffset? value) => value is null ? null : Schema.UtcDateTimeGraphType.ToText(value.Value);

    /// <summary>The response to a one-line document whose only root field failed: the error, located where the
    /// field is written, then <c>"data": null</c> — or, for a nullable field, data holding that field as null.</summary>
    public static string FieldError(string message, string document, string field, object extensions, bool nullableField = false)
    {
        var column = document.IndexOf(field + "(", StringComparison.Ordinal) + 1;
        Assert.True(column > 0 && !document.Contains('\n', StringComparison.Ordinal), "FieldError needs a one-line document that contains the field.");
        var data = nullableField ? new Dictionary<string, object?> { [field] = null } : null;
        return Of(new { errors = new[] { new { message, locations = new[] { new { line = 1, column } }, path = new[] { field }, extensions } }, data });
    }

    /// <summary>The response to a request refused before execution: only <c>errors</c>.</summary>
    public static string RequestError(string message, string code) =>
        Of(new { errors = new[] { new { message, extensions = new { code } } } });
}
