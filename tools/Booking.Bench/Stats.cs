namespace Booking.Bench;

internal static class Stats
{
    /// <summary>Nearest-rank percentile of an unsorted sample; NaN when the sample is empty.</summary>
    public static double Percentile(IEnumerable<double> values, double fraction)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
