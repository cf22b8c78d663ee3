namespace Booking.Bench.Counting;

/// <summary>The start of one HTTP request as it crossed a relay: method, target (path and query) and headers.</summary>
internal sealed record RequestHead(string Method, string Target, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The target's path, without the query.</summary>
    public string Path => Target.Split('?', 2)[0];

    /// <summary>A query parameter's value, or null.</summary>
    public string? Query(string name)
    {
        var query = Target.Split('?', 2) is [_, var q] ? q : string.Empty;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            if (string.Equals(parts[0], name, StringComparison.OrdinalIgnoreCase))
            {
                return parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : string.Empty;
            }
        }

        return null;
    }
}
