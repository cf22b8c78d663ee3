using System.Globalization;

namespace BookingFunctions.Tests;

/// <summary>Counts the requests Azurite served, from its <c>--debug</c> log: one line per request names the service
/// and method, after the time it arrived.</summary>
internal static class StorageRequestLog
{
    private const string RequestMarker = "StorageContextMiddleware: RequestMethod=";

    /// <summary>Requests that arrived in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static int Count(string logPath, DateTime from, DateTime to)
    {
        using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var count = 0;
        while (reader.ReadLine() is { } line)
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0
                && line.Contains(RequestMarker, StringComparison.Ordinal)
                && DateTime.TryParse(line[..space], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
                && at >= from && at < to)
            {
                count++;
            }
        }

        return count;
    }
}
