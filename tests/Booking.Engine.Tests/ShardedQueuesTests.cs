using Azure.Storage.Queues;
using Booking.Engine.Storage;
using Booking.Testing;

namespace Booking.Engine.Tests;

/// <summary>
/// Engine:ExtraQueueEndpoints spreads the hub's queues over more Azurite queue processes: each queue lives where the
/// documented mapping puts it, the work-item queue's messages are spread over all of them, and reservations still
/// run their whole course across the endpoints.
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

        // Control queue N on endpoint N mod 3 (the connection string's own endpoint first); the work items on all.
        var prefix = hub.ToLowerInvariant();
        Assert.Equal([$"{prefix}-control-00", $"{prefix}-workitems"], await QueueNamesAsync(emulators.Azurite.ConnectionString, prefix));
        Assert.Equal([$"{prefix}-control-01", $"{prefix}-workitems"], await QueueNamesAsync(WithQueueEndpoint(first.Endpoint), prefix));
        Assert.Equal([$"{prefix}-control-02", $"{prefix}-workitems"], await QueueNamesAsync(WithQueueEndpoint(second.Endpoint), prefix));

        // Enough instances that every partition gets some; one is paid, the rest expire.
        await engine.PayFirstAndExpireRestAsync([.. Enumerable.Range(0, 12).Select(i => $"shard-{i:D2}")], Patience);
    }

    [Fact]
    public async Task Work_items_are_sent_round_robin_and_deleted_and_updated_where_they_live()
    {
        var name = "wi" + Guid.NewGuid().ToString("N")[..12];
        var physical = new[] { emulators.Azurite.ConnectionString, WithQueueEndpoint(first.Endpoint), WithQueueEndpoint(second.Endpoint) }
            .Select(c => new QueueClient(c, name))
            .ToList();
        var queue = new ShardedWorkItemQueueClient(physical);
        await queue.CreateIfNotExistsAsync();

        foreach (var i in Enumerable.Range(0, 9))
        {
            await queue.SendMessageAsync($"m{i}");
        }

        Assert.All(physical, q => Assert.Equal(3, q.GetProperties().Value.ApproximateMessagesCount));
        Assert.Equal(9, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);

        var messages = new List<Azure.Storage.Queues.Models.QueueMessage>();
        for (var attempt = 0; attempt < 30 && messages.Count < 9; attempt++)
        {
            if ((await queue.ReceiveMessageAsync(TimeSpan.FromMinutes(1))).Value is { } message)
            {
                messages.Add(message);
            }
        }

        Assert.Equal(Enumerable.Range(0, 9).Select(i => $"m{i}"), messages.Select(m => m.MessageText).Order(StringComparer.Ordinal));
        var renewed = await queue.UpdateMessageAsync(messages[0].MessageId, messages[0].PopReceipt, visibilityTimeout: TimeSpan.FromMinutes(2));
        await queue.DeleteMessageAsync(messages[0].MessageId, renewed.Value.PopReceipt);
        foreach (var message in messages.Skip(1))
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        Assert.All(physical, q => Assert.Equal(0, q.GetProperties().Value.ApproximateMessagesCount));
        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.DeleteMessageAsync(messages[0].MessageId, renewed.Value.PopReceipt));
    }

    [Fact]
    public async Task A_control_queue_found_empty_is_polled_again_when_its_hidden_message_is_due_and_not_in_between()
    {
        // As the provider's control-queue loop does, with its 50 ms backoff: receive until the timer-like message
        // (sent hidden for 2 s) arrives. Ungated, that is ~40 requests; gated with a 30 s recheck, a handful.
        var physical = new CountingQueueClient(new QueueClient(emulators.Azurite.ConnectionString, "gate" + Guid.NewGuid().ToString("N")[..12]));
        await physical.CreateIfNotExistsAsync();
        var queue = new GatedQueueClient(physical, TimeSpan.FromSeconds(30), TimeProvider.System);
        Assert.Empty((await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value);

        var sent = DateTimeOffset.UtcNow;
        await queue.SendMessageAsync("timer", visibilityTimeout: TimeSpan.FromSeconds(2));
        Azure.Storage.Queues.Models.QueueMessage[] received = [];
        while (received.Length == 0 && DateTimeOffset.UtcNow - sent < TimeSpan.FromSeconds(20))
        {
            received = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value;
            await Task.Delay(50);
        }

        Assert.Equal("timer", Assert.Single(received).MessageText);
        Assert.InRange(DateTimeOffset.UtcNow - sent, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        Assert.InRange(physical.Receives, 2, 5);
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

    /// <summary>A real queue that counts the receives that reach it.</summary>
    private sealed class CountingQueueClient(QueueClient inner) : QueueClient
    {
        private int receives;

        public int Receives => Volatile.Read(ref receives);

        public override string Name => inner.Name;

        public override Task<Azure.Response> CreateIfNotExistsAsync(IDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default) =>
            inner.CreateIfNotExistsAsync(metadata, cancellationToken);

        public override Task<Azure.Response<Azure.Storage.Queues.Models.SendReceipt>> SendMessageAsync(string messageText, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
            inner.SendMessageAsync(messageText, visibilityTimeout, timeToLive, cancellationToken);

        public override Task<Azure.Response<Azure.Storage.Queues.Models.QueueMessage[]>> ReceiveMessagesAsync(int? maxMessages = null, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref receives);
            return inner.ReceiveMessagesAsync(maxMessages, visibilityTimeout, cancellationToken);
        }
    }
}
