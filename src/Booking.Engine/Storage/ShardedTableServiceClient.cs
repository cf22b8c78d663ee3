using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using DurableTask.AzureStorage;

namespace Booking.Engine.Storage;

/// <summary>
/// The provider's table service client with some of the task hub's tables (History and Instances) each split into
/// shards (<see cref="PartitionedTableClient"/>); every other table is the account's own.
/// </summary>
internal sealed class ShardedTableServiceClient(TableServiceClient account, IReadOnlySet<string> shardedTables, int shardCount) : TableServiceClient
{
    // The provider uses these members of its table service client: the account's name and address, GetTableClient, and
    // QueryAsync to learn whether a table exists.
    public override string AccountName => account.AccountName;

    public override Uri Uri => account.Uri;

    public override TableClient GetTableClient(string tableName) =>
        shardedTables.Contains(tableName)
            ? new PartitionedTableClient(account, tableName, shardCount)
            : account.GetTableClient(tableName);

    public override AsyncPageable<TableItem> QueryAsync(string? filter = null, int? maxPerPage = null, CancellationToken cancellationToken = default) =>
        account.QueryAsync(filter, maxPerPage, cancellationToken);

    /// <summary>A table client provider for the Azure Storage orchestration service whose tables named in
    /// <paramref name="shardedTables"/> have <paramref name="shardCount"/> shards each.</summary>
    public static IStorageServiceClientProvider<TableServiceClient, TableClientOptions> CreateProvider(string connectionString, IReadOnlySet<string> shardedTables, int shardCount) =>
        new Provider(connectionString, shardedTables, shardCount);

    private sealed class Provider(string connectionString, IReadOnlySet<string> shardedTables, int shardCount) : IStorageServiceClientProvider<TableServiceClient, TableClientOptions>
    {
        public TableClientOptions CreateOptions() => new();

        // The provider adds its retry and throttling policies to the options it passes in; every shard gets them.
        public TableServiceClient CreateClient(TableClientOptions options) =>
            new ShardedTableServiceClient(new TableServiceClient(connectionString, options), shardedTables, shardCount);
    }
}
