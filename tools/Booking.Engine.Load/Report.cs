using System.Globalization;

namespace Booking.Engine.Load;

internal static class Report
{
    public static void Line(string text) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss.fff} {text}"));

    /// <summary>One line of lateness figures in seconds; nothing when there are none.</summary>
    public static void Lateness(string label, IEnumerable<double> seconds)
    {
        var sorted = seconds.Order().ToList();
        if (sorted.Count > 0)
        {
            Line(string.Create(CultureInfo.InvariantCulture, $"{label} s: n={sorted.Count} min={sorted[0]:F3} p50={Percentile(sorted, 0.5):F3} p95={Percentile(sorted, 0.95):F3} p99={Percentile(sorted, 0.99):F3} max={sorted[^1]:F3} over1s={sorted.Count(s => s > 1)} early={sorted.Count(s => s < 0)}"));
        }
    }

    public static double Percentile(IReadOnlyList<double> sorted, double fraction) => sorted[Math.Min(sorted.Count - 1, (int)(fraction * sorted.Count))];
}
