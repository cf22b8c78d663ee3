namespace Booking.Bench.Counting;

/// <summary>The running count of one system's requests, added to by its relays as requests pass.</summary>
internal sealed class RequestTally
{
    private readonly Dictionary<string, long> counts = [];

    public void Add(string kind)
    {
        lock (counts)
        {
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
        }
    }

    public RequestCounts Snapshot()
    {
        lock (counts)
        {
            return new RequestCounts(counts.ToDictionary(c => c.Key, c => (double)c.Value));
        }
    }
}
