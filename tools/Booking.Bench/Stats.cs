namespace Booking.Bench;

internal static class Stats
{
    /// <summary>Nearest-rank percentile of an unsorted sample; NaN when the sample is empty.</summary>
    public static double Percentile(IEnumerable<double> values, double fraction)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary><paramref name="numerator"/> ÷ <paramref name="denominator"/>, NaN when either is missing or the
    /// denominator is not positive.</summary>
    public static double Ratio(double numerator, double denominator) =>
        double.IsFinite(numerator) && double.IsFinite(denominator) && denominator > 0 ? numerator / denominator : double.NaN;
}
