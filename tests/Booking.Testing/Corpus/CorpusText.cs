using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Booking.Testing.Corpus;

/// <summary>
/// Turns the corpus's values into what is sent. A string has its <c>{placeholders}</c> filled from the world. An object
/// with a property that starts with <c>$</c> builds a string too large or too regular to write out:
/// <c>{"$repeat": text, "times": n}</c> (with <c>{i}</c> in the text replaced by 0, 1, …; n may be a placeholder) and
/// <c>{"$concat": [text, …]}</c>. Anything else is JSON and is sent as written, with its strings filled.
/// </summary>
public sealed class CorpusText(CorpusWorld world, string unique)
{
    public string Text(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return world.Fill(value.GetString()!, unique);
        }

        Assert.True(IsExpression(value), $"Not a text expression: {value.GetRawText()}");
        if (value.TryGetProperty("$concat", out var parts))
        {
            return string.Concat(parts.EnumerateArray().Select(Text));
        }

        var repeated = value.GetProperty("$repeat");
        var times = value.GetProperty("times");
        var count = times.ValueKind == JsonValueKind.Number ? times.GetInt32() : int.Parse(Text(times), CultureInfo.InvariantCulture);
        return string.Concat(Enumerable.Range(0, count).Select(i => Text(repeated).Replace("{i}", i.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)));
    }

    public JsonNode? Json(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return JsonValue.Create(Text(value));
            case JsonValueKind.Object when IsExpression(value):
                return JsonValue.Create(Text(value));
            case JsonValueKind.Object:
                var map = new JsonObject();
                foreach (var property in value.EnumerateObject())
                {
                    map[property.Name] = Json(property.Value);
                }

                return map;
            case JsonValueKind.Array:
                return new JsonArray([.. value.EnumerateArray().Select(Json)]);
            default:
                // Numbers stay as written, so one beyond Int32 or Int64 is sent exactly.
                return JsonNode.Parse(value.GetRawText());
        }
    }

    private static bool IsExpression(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && value.EnumerateObject().Any(p => p.Name.StartsWith('$'));
}
