using Azure;
using Azure.Data.Tables;

namespace Booking.Engine.Storage;

/// <summary>
/// A query over every shard of a <see cref="PartitionedTableClient"/>, shard after shard. Rows come in key order within
/// a shard, not across shards. A continuation token is <c>{shard}:{that shard's own token}</c>, so paging resumes where
/// it stopped.
/// </summary>
internal sealed class FanOutPageable<T>(IReadOnlyList<TableClient> shards, string? filter, int? maxPerPage, IEnumerable<string>? select, CancellationToken cancellationToken)
    : AsyncPageable<T>
    where T : class, ITableEntity
{
    public override async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        var (first, firstToken) = Parse(continuationToken);
        for (var shard = first; shard < shards.Count; shard++)
        {
            var pages = shards[shard].QueryAsync<T>(filter, maxPerPage, select, cancellationToken).AsPages(shard == first ? firstToken : null, pageSizeHint);
            await foreach (var page in pages)
            {
                var next = page.ContinuationToken is { Length: > 0 } token ? $"{shard}:{token}"
                    : shard + 1 < shards.Count ? $"{shard + 1}:"
                    : null;
                yield return Page<T>.FromValues(page.Values, next, page.GetRawResponse());
            }
        }
    }

    private static (int Shard, string? Token) Parse(string? continuationToken)
    {
        if (string.IsNullOrEmpty(continuationToken))
        {
            return (0, null);
        }

        var colon = continuationToken.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !int.TryParse(continuationToken.AsSpan(0, colon), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var shard) || shard >= 100)
        {
            throw new ArgumentException($"'{continuationToken}' is not a continuation token of a sharded table query.", nameof(continuationToken));
        }

        var token = continuationToken[(colon + 1)..];
        return (shard, token.Length == 0 ? null : token);
    }
}
