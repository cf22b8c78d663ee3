using System.Globalization;

namespace Booking.Engine.Load;

internal static class Report
{
    public static void Line(string text) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss.fff} {text}"));

    public static double Percentile(IReadOnlyList<double> sorted, double fraction) => sorted[Math.Min(sorted.Count - 1, (int)(fraction * sorted.Count))];
}
