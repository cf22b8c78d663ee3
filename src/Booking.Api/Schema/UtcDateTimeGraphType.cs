using System.Globalization;
using GraphQLParser.AST;

namespace Booking.Api.Schema;

/// <summary>
/// The schema's <c>DateTime</c>: an ISO-8601 instant, always written in UTC with a 'Z' (e.g.
/// <c>2030-01-02T03:04:05.5Z</c>) so clients never see the server's offset. Reads any ISO-8601 instant with an offset.
/// </summary>
public sealed class UtcDateTimeGraphType : GraphQL.Types.ScalarGraphType
{
    /// <summary>Seconds always, fractions only as far as they are non-zero.</summary>
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    public UtcDateTimeGraphType()
    {
        Name = "DateTime";
        Description = "An ISO-8601 instant in UTC, such as 2030-01-02T03:04:05Z.";
    }

    public static string ToText(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        DateTimeOffset instant => ToText(instant),
        DateTime time => ToText(time.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(time, TimeSpan.Zero) : new DateTimeOffset(time)),
        _ => ThrowSerializationError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        DateTimeOffset instant => instant.ToUniversalTime(),
        string text => Parse(text),
        _ => ThrowValueConversionError(value),
    };

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue text => Parse((string)text.Value),
        _ => ThrowLiteralConversionError(value),
    };

    private static DateTimeOffset Parse(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant)
            && (text.EndsWith('Z') || text.EndsWith('z') || text.LastIndexOfAny(['+', '-']) > text.IndexOf('T', StringComparison.Ordinal))
            ? instant.ToUniversalTime()
            : throw new FormatException($"'{text}' is not an ISO-8601 instant with an offset, such as 2030-01-02T03:04:05Z.");
}
