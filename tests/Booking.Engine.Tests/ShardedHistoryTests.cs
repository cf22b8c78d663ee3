using Azure.Data.Tables;
using Booking.Core.Apartments;
using Booking.Core.Reservations;
using Booking.Engine.Storage;

namespace Booking.Engine.Tests;

/// <summary>
/// Engine:HistoryTableShards splits the hub's History table: each instance's history lives whole in the shard its id
/// maps to, reservations run their whole course on it, and a hub cannot be reopened with another count.
/// </summary>
[Collection(EmulatorsCollection.Name)]
public sealed class ShardedHistoryTests(Emulators emulators)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Each_history_lives_whole_in_its_shard_and_reservations_complete()
    {
        const int shardCount = 4;
        var hub = Emulators.NewTaskHub();
        var settings = emulators.Settings(hub, Emulators.NewTable());
        settings["Engine:HistoryTableShards"] = shardCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var engine = await EngineHost.StartAsync(settings);

        var ids = Enumerable.Range(0, 12).Select(i => $"hist-{i:D2}").ToList();
        foreach (var id in ids)
        {
            await engine.Store.AddAsync("apt-" + id);
            await engine.Client.StartAsync(id, "apt-" + id, id == ids[0] ? TimeSpan.FromMinutes(5) : TimeSpan.FromSeconds(2));
        }

        await engine.Client.PendingPaymentAsync(ids[0], Patience);
        await engine.Client.RaiseEventAsync(ids[0], ReservationEvents.PaymentConfirmed, new PaymentConfirmed(DateTimeOffset.UtcNow));
        foreach (var id in ids)
        {
            var outcome = await engine.Client.OutcomeAsync(id, Patience);
            var apartment = await engine.Store.GetAsync("apt-" + id);
            Assert.Equal(id == ids[0] ? ReservationStatus.Paid : ReservationStatus.Expired, outcome.Status);
            Assert.Equal(id == ids[0] ? ApartmentStatus.Paid : ApartmentStatus.Vacant, apartment!.Status);
        }

        // Read every shard table directly: each history is found in exactly the mapped shard, whole (it starts and ends).
        var shards = Enumerable.Range(0, shardCount)
            .Select(i => new TableClient(emulators.Azurite.ConnectionString, PartitionedTableClient.ShardName(hub + "History", i)))
            .ToList();
        foreach (var id in ids)
        {
            var rowsPerShard = new List<List<TableEntity>>();
            foreach (var shard in shards)
            {
                var rows = new List<TableEntity>();
                await foreach (var row in shard.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}")))
                {
                    rows.Add(row);
                }

                rowsPerShard.Add(rows);
            }

            var expected = PartitionedTableClient.ShardOf(id, shardCount);
            Assert.All(Enumerable.Range(0, shardCount).Where(s => s != expected), s => Assert.Empty(rowsPerShard[s]));
            var eventTypes = rowsPerShard[expected].Select(r => r.GetString("EventType")).ToList();
            Assert.Contains("ExecutionStarted", eventTypes);
            Assert.Contains("ExecutionCompleted", eventTypes);
        }

        Assert.True(ids.Select(id => PartitionedTableClient.ShardOf(id, shardCount)).Distinct().Count() > 1, "the ids should exercise more than one shard");
    }

    [Fact]
    public async Task A_hub_cannot_be_reopened_with_another_shard_count()
    {
        var hub = Emulators.NewTaskHub();
        var settings = emulators.Settings(hub, Emulators.NewTable());
        await (await EngineHost.StartAsync(settings)).DisposeAsync();

        settings["Engine:HistoryTableShards"] = "3";
        using var host = EngineHost.Build(settings);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("Engine:HistoryTableShards is 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("set it back to 1", error.Message, StringComparison.Ordinal);
    }
}
