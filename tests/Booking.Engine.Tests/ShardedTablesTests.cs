using Azure.Data.Tables;
using Booking.Engine.Storage;
using Microsoft.DurableTask.Client;

namespace Booking.Engine.Tests;

/// <summary>
/// Engine:TableShards splits the hub's History and Instances tables: each instance's rows live in the shard its id maps
/// to, reservations run their whole course on them, listings read every shard, and a hub cannot be reopened with
/// another count.
/// </summary>
[Collection(EmulatorsCollection.Name)]
public sealed class ShardedTablesTests(Emulators emulators)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Each_instance_lives_in_its_shard_reservations_complete_and_listings_see_all()
    {
        const int shardCount = 4;
        var hub = Emulators.NewTaskHub();
        var settings = emulators.Settings(hub, Emulators.NewTable());
        settings["Engine:TableShards"] = shardCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var engine = await EngineHost.StartAsync(settings);

        var ids = Enumerable.Range(0, 12).Select(i => $"hist-{i:D2}").ToList();
        await engine.PayFirstAndExpireRestAsync(ids, Patience);

        // Read every shard table directly: each history is found in exactly the mapped shard, whole (it starts and
        // ends), and so is each instance row, with its final status.
        foreach (var id in ids)
        {
            var expected = PartitionedTableClient.ShardOf(id, shardCount);
            var history = await RowsPerShardAsync(hub + "History", shardCount, id);
            var instance = await RowsPerShardAsync(hub + "Instances", shardCount, id);
            Assert.All(Enumerable.Range(0, shardCount).Where(s => s != expected), s => Assert.Empty(history[s].Concat(instance[s])));
            var eventTypes = history[expected].Select(r => r.GetString("EventType")).ToList();
            Assert.Contains("ExecutionStarted", eventTypes);
            Assert.Contains("ExecutionCompleted", eventTypes);
            Assert.Equal("Completed", Assert.Single(instance[expected]).GetString("RuntimeStatus"));
        }

        // A listing reads every shard, page after page (pages of 5 cross shard boundaries).
        var listed = new List<string>();
        await foreach (var page in engine.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "hist-", PageSize = 5 }).AsPages())
        {
            Assert.InRange(page.Values.Count, 0, 5);
            listed.AddRange(page.Values.Select(i => i.InstanceId));
        }

        Assert.Equal(ids, listed.Order(StringComparer.Ordinal));

        Assert.True(ids.Select(id => PartitionedTableClient.ShardOf(id, shardCount)).Distinct().Count() > 1, "the ids should exercise more than one shard");
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(3, 1)]
    [InlineData(3, 2)]
    public async Task A_hub_cannot_be_reopened_with_another_shard_count(int created, int reopened)
    {
        var hub = Emulators.NewTaskHub();
        var settings = emulators.Settings(hub, Emulators.NewTable());
        settings["Engine:TableShards"] = created.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await (await EngineHost.StartAsync(settings)).DisposeAsync();

        settings["Engine:TableShards"] = reopened.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var host = EngineHost.Build(settings);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains($"Engine:TableShards is {reopened}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"set it back to {created}", error.Message, StringComparison.Ordinal);
    }

    private async Task<List<List<TableEntity>>> RowsPerShardAsync(string table, int shardCount, string partitionKey)
    {
        var rowsPerShard = new List<List<TableEntity>>();
        for (var i = 0; i < shardCount; i++)
        {
            var rows = new List<TableEntity>();
            var shard = new TableClient(emulators.Azurite.ConnectionString, PartitionedTableClient.ShardName(table, i));
            await foreach (var row in shard.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}")))
            {
                rows.Add(row);
            }

            rowsPerShard.Add(rows);
        }

        return rowsPerShard;
    }
}
