using System.Globalization;

namespace Booking.Core.Storage;

/// <summary>
/// Times as both tables store them: fixed-width ISO-8601 UTC strings with seven fractional digits, so string order is
/// time order (conditions and index ranges compare them as strings).
/// </summary>
public static class StoredTime
{
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset? Parse(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
}
