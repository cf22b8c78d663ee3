using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Booking.Engine.Configuration;

namespace Booking.Engine.Storage;

/// <summary>
/// One logical table kept as several physical tables ("shards") of one account: every entity lives in the shard its
/// partition key hashes to, and every operation goes to that shard. Shard 0 keeps the logical name; shard <c>i</c> is
/// named <c>{name}{i:D2}</c>.
/// <para>
/// Why: Azurite answers a table query by testing every row of the table against the filter, and even a point read or
/// merge by key tests the partition key of every row that shares the row key (every Instances row has the empty row
/// key). The Azure Storage provider reads an orchestration's history with a query at every episode and merges its
/// Instances row at every episode, so with 10,000 waiting reservations (~100,000 History rows) the table service was
/// the limit. Split into N shards, each of those scans a N-th of the rows. Real Azure Storage indexes its keys and does
/// not need this.
/// </para>
/// Only the members the provider and <see cref="Client.InstanceTable"/> call are routed. A query that names one
/// partition (<c>PartitionKey eq '…'</c> first, as the provider writes its history and instance reads) goes to that
/// shard; any other query (listing instances) reads every shard (<see cref="FanOutPageable{T}"/>).
/// </summary>
internal sealed class PartitionedTableClient : TableClient
{
    private readonly IReadOnlyList<TableClient> shards;

    public PartitionedTableClient(TableServiceClient service, string name, int shardCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        shards = [.. Enumerable.Range(0, shardCount).Select(i => service.GetTableClient(ShardName(name, i)))];
    }

    public override string Name => shards[0].Name;

    public override string AccountName => shards[0].AccountName;

    public override Uri Uri => shards[0].Uri;

    /// <summary>The physical table that holds shard <paramref name="shard"/> of the logical table <paramref name="name"/>.</summary>
    public static string ShardName(string name, int shard) =>
        shard == 0 ? name : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name}{shard:D2}");

    /// <summary>The shard of a partition key: FNV-1a over its UTF-16 code units, so every process agrees on it.</summary>
    public static int ShardOf(string partitionKey, int shardCount)
    {
        var hash = 2166136261u;
        foreach (var c in partitionKey)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)shardCount);
    }

    /// <summary>Creates every shard, shard 0 last, so a hub whose shard 0 exists has them all (the engine checks the
    /// count against that at start-up: <see cref="EnsureShardCountAsync"/>).</summary>
    public override async Task<Response<TableItem>> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        foreach (var shard in shards.Skip(1))
        {
            await shard.CreateIfNotExistsAsync(cancellationToken);
        }

        return await shards[0].CreateIfNotExistsAsync(cancellationToken);
    }

    /// <summary>Deletes shard 0 first, so a half-deleted table no longer counts as existing.</summary>
    public override async Task<Response> DeleteAsync(CancellationToken cancellationToken = default)
    {
        var response = await shards[0].DeleteAsync(cancellationToken);
        foreach (var shard in shards.Skip(1))
        {
            await shard.DeleteAsync(cancellationToken);
        }

        return response;
    }

    public override Task<Response> AddEntityAsync<T>(T entity, CancellationToken cancellationToken = default) =>
        For(entity.PartitionKey).AddEntityAsync(entity, cancellationToken);

    public override Task<Response> UpdateEntityAsync<T>(T entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) =>
        For(entity.PartitionKey).UpdateEntityAsync(entity, ifMatch, mode, cancellationToken);

    public override Task<Response> UpsertEntityAsync<T>(T entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) =>
        For(entity.PartitionKey).UpsertEntityAsync(entity, mode, cancellationToken);

    public override Task<Response> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default) =>
        For(partitionKey).DeleteEntityAsync(partitionKey, rowKey, ifMatch, cancellationToken);

    public override Task<Response<T>> GetEntityAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default) =>
        For(partitionKey).GetEntityAsync<T>(partitionKey, rowKey, select, cancellationToken);

    public override Task<NullableResponse<T>> GetEntityIfExistsAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default) =>
        For(partitionKey).GetEntityIfExistsAsync<T>(partitionKey, rowKey, select, cancellationToken);

    /// <summary>A transaction is within one partition (a storage rule), so it goes whole to that partition's shard.</summary>
    public override Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> transactionActions, CancellationToken cancellationToken = default)
    {
        var actions = transactionActions as IReadOnlyCollection<TableTransactionAction> ?? [.. transactionActions];
        var first = actions.FirstOrDefault() ?? throw new ArgumentException("A transaction needs at least one action.", nameof(transactionActions));
        return For(first.Entity.PartitionKey).SubmitTransactionAsync(actions, cancellationToken);
    }

    public override AsyncPageable<T> QueryAsync<T>(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        return TableFilters.SinglePartitionKey(filter) is { } partitionKey
            ? For(partitionKey).QueryAsync<T>(filter, maxPerPage, select, cancellationToken)
            : new FanOutPageable<T>(shards, filter, maxPerPage, select, cancellationToken);
    }

    /// <summary>
    /// Fails when the logical table <paramref name="name"/> exists split over another number of tables than
    /// <paramref name="shardCount"/> (1: not split): its entities would be looked for in the wrong tables.
    /// </summary>
    public static async Task EnsureShardCountAsync(TableServiceClient service, string name, int shardCount, CancellationToken cancellationToken)
    {
        var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var table in service.QueryAsync(cancellationToken: cancellationToken))
        {
            if (IsShardName(table.Name, name))
            {
                existing.Add(table.Name);
            }
        }

        if (existing.Contains(name) && !existing.SetEquals(Enumerable.Range(0, shardCount).Select(i => ShardName(name, i))))
        {
            throw new InvalidOperationException(
                $"The table {name} is split over {existing.Count} table(s) but {EngineOptions.SectionName}:{nameof(EngineOptions.TableShards)} is {shardCount}. " +
                $"The count is fixed once the task hub exists: set it back to {existing.Count}, or use a new TaskHubName.");
        }
    }

    private TableClient For(string partitionKey) => shards[ShardOf(partitionKey, shards.Count)];

    // The logical name itself, or the logical name followed by exactly two digits (table names ignore case).
    private static bool IsShardName(string table, string name) =>
        string.Equals(table, name, StringComparison.OrdinalIgnoreCase)
        || (table.Length == name.Length + 2 && table.StartsWith(name, StringComparison.OrdinalIgnoreCase) && char.IsAsciiDigit(table[^2]) && char.IsAsciiDigit(table[^1]));
}
