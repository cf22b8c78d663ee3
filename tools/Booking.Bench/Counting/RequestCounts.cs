namespace Booking.Bench.Counting;

/// <summary>Requests counted per kind, a kind being "service operation [resource]" (e.g. "queue GetMessages control",
/// "dynamodb UpdateItem"). Counts may be fractional once divided per reservation or less an idle rate.</summary>
internal sealed class RequestCounts(IReadOnlyDictionary<string, double> byKind)
{
    public static RequestCounts None { get; } = new(new Dictionary<string, double>());

    public IReadOnlyDictionary<string, double> ByKind => byKind;

    public double Total => byKind.Values.Sum();

    public double Service(string service) => byKind.Where(k => ServiceOf(k.Key) == service).Sum(k => k.Value);

    public static string ServiceOf(string kind) => kind.Split(' ', 2)[0];

    public static string OperationOf(string kind) => kind.Split(' ') is [_, var operation, ..] ? operation : kind;

    public static RequestCounts operator -(RequestCounts after, RequestCounts before) => Combine(after, before, (a, b) => a - b);

    public static RequestCounts operator +(RequestCounts left, RequestCounts right) => Combine(left, right, (a, b) => a + b);

    public RequestCounts Where(Func<string, bool> keep) => new(byKind.Where(k => keep(k.Key)).ToDictionary(k => k.Key, k => k.Value));

    public RequestCounts Times(double factor) => new(byKind.ToDictionary(k => k.Key, k => k.Value * factor));

    /// <summary>The counts less what <paramref name="idlePerSecond"/> makes in <paramref name="seconds"/>.</summary>
    public RequestCounts LessIdle(RequestCounts idlePerSecond, double seconds) => this - idlePerSecond.Times(seconds);

    private static RequestCounts Combine(RequestCounts left, RequestCounts right, Func<double, double, double> combine) =>
        new(left.ByKind.Keys.Union(right.ByKind.Keys)
            .ToDictionary(k => k, k => combine(left.ByKind.GetValueOrDefault(k), right.ByKind.GetValueOrDefault(k))));
}
