using Azure.Storage.Queues;
using Booking.Core.Apartments;
using Booking.Core.Reservations;
using Booking.Testing;

namespace Booking.Engine.Tests;

/// <summary>
/// Engine:ExtraQueueEndpoints spreads the hub's queues over more Azurite queue processes: each queue lives where the
/// documented mapping puts it, and reservations still run their whole course across the endpoints.
/// </summary>
[Collection(EmulatorsCollection.Name)]
public sealed class ShardedQueuesTests(Emulators emulators) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly AzuriteServiceServer first = AzuriteServiceServer.Queue();
    private readonly AzuriteServiceServer second = AzuriteServiceServer.Queue();

    public Task InitializeAsync() => Task.WhenAll(first.InitializeAsync(), second.InitializeAsync());

    public async Task DisposeAsync()
    {
        await first.DisposeAsync();
        await second.DisposeAsync();
    }

    [Fact]
    public async Task Queues_are_spread_over_the_endpoints_and_reservations_complete_across_them()
    {
        var hub = Emulators.NewTaskHub();
        var settings = emulators.Settings(hub, Emulators.NewTable());
        settings["Engine:PartitionCount"] = "3";
        settings["Engine:ExtraQueueEndpoints:0"] = first.Endpoint;
        settings["Engine:ExtraQueueEndpoints:1"] = second.Endpoint;
        await using var engine = await EngineHost.StartAsync(settings);

        // Control queue N on endpoint N mod 3 (the connection string's own endpoint first); the work items on the last.
        var prefix = hub.ToLowerInvariant();
        Assert.Equal([$"{prefix}-control-00"], await QueueNamesAsync(emulators.Azurite.ConnectionString, prefix));
        Assert.Equal([$"{prefix}-control-01"], await QueueNamesAsync(WithQueueEndpoint(first.Endpoint), prefix));
        Assert.Equal([$"{prefix}-control-02", $"{prefix}-workitems"], await QueueNamesAsync(WithQueueEndpoint(second.Endpoint), prefix));

        // Enough instances that every partition gets some; one is paid, the rest expire.
        var ids = Enumerable.Range(0, 12).Select(i => $"shard-{i:D2}").ToList();
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
    }

    private string WithQueueEndpoint(string endpoint) =>
        string.Join(';', emulators.Azurite.ConnectionString.Split(';', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("QueueEndpoint=", StringComparison.Ordinal)).Append("QueueEndpoint=" + endpoint));

    private static async Task<List<string>> QueueNamesAsync(string connectionString, string prefix)
    {
        var names = new List<string>();
        await foreach (var queue in new QueueServiceClient(connectionString).GetQueuesAsync(prefix: prefix))
        {
            names.Add(queue.Name);
        }

        return [.. names.Order(StringComparer.Ordinal)];
    }
}
