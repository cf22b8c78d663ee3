using Microsoft.DurableTask.Client;

namespace Booking.Api.Paging;

/// <summary>
/// Pages of durable instances, newest first (creation time, then id, both descending). The durable store filters by
/// creation time but does not sort by it, so every instance created up to the cursor is read, and the newest
/// <c>first + 1</c> that match are kept (the extra one says whether a page follows). An instance started while a client
/// pages is newer than its cursor, so it never shifts the pages still to come.
/// </summary>
internal static class NewestInstancesFirst
{
    // Instances per storage round trip while a list is read; the API's page size is apart from it.
    private const int InstancesPerQuery = 1000;

    private static readonly Comparer<OrchestrationMetadata> Order = Comparer<OrchestrationMetadata>.Create(Compare);

    // A min-heap in this order has the oldest kept instance at its head: the one to drop when one too many are kept.
    private static readonly Comparer<OrchestrationMetadata> OldestFirst = Comparer<OrchestrationMetadata>.Create((a, b) => Compare(b, a));

    public static async Task<(IReadOnlyList<OrchestrationMetadata> Items, string? NextToken)> ReadAsync(
        DurableTaskClient client,
        string list,
        PageRequest page,
        IReadOnlyList<OrchestrationRuntimeStatus>? statuses,
        Func<OrchestrationMetadata, bool> matches,
        CancellationToken cancellationToken)
    {
        var after = page.After is null ? null : PageCursor.Decode(page.After, list);
        var query = new OrchestrationQuery
        {
            PageSize = InstancesPerQuery,
            FetchInputsAndOutputs = true,
            Statuses = statuses,
            // A second of slack: a store may round the creation time it filters on.
            CreatedTo = after is null ? null : new DateTimeOffset(after.CreatedTicks ?? 0, TimeSpan.Zero).AddSeconds(1),
        };

        var kept = new PriorityQueue<OrchestrationMetadata, OrchestrationMetadata>(OldestFirst);
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if ((after is not null && !IsAfter(instance, after)) || !matches(instance))
            {
                continue;
            }

            kept.Enqueue(instance, instance);
            if (kept.Count > page.First + 1)
            {
                kept.Dequeue();
            }
        }

        var items = new List<OrchestrationMetadata>(kept.UnorderedItems.Select(i => i.Element));
        items.Sort(Order);
        if (items.Count <= page.First)
        {
            return (items, null);
        }

        items.RemoveAt(items.Count - 1);
        var last = items[^1];
        return (items, new PageCursor(list, last.InstanceId, last.CreatedAt.UtcTicks).Encode());
    }

    private static int Compare(OrchestrationMetadata a, OrchestrationMetadata b)
    {
        var byTime = b.CreatedAt.UtcTicks.CompareTo(a.CreatedAt.UtcTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(b.InstanceId, a.InstanceId);
    }

    private static bool IsAfter(OrchestrationMetadata instance, PageCursor cursor)
    {
        var ticks = instance.CreatedAt.UtcTicks;
        return ticks < cursor.CreatedTicks || (ticks == cursor.CreatedTicks && string.CompareOrdinal(instance.InstanceId, cursor.Id) < 0);
    }
}
