using System.Collections.Concurrent;
using System.Globalization;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;

namespace Booking.Engine.Storage;

/// <summary>
/// Spreads a task hub's queues over several queue endpoints of one storage account: control queue <c>N</c> goes to
/// endpoint <c>N mod count</c>; every other queue (the work-item queue) is kept on all of them
/// (<see cref="ShardedWorkItemQueueClient"/>).
/// <para>
/// Why: Azurite serves each queue request on one Node thread and its cost grows with the messages that process
/// stores, pending timers included (measured: ~3 ms a request empty, ~44 ms with 10,000 parked messages, because its
/// LokiJS collection rebuilds its indexes on every request). Splitting the queues over several <c>azurite-queue</c>
/// processes keeps each one small. Real Azure Storage does not need this. The mapping depends only on the queue name
/// and the endpoint list, so every process sharing a hub agrees on it as long as they share the list.
/// </para>
/// Every queue, on one endpoint or several, polls only when it may hold something (<see cref="IdleQueueGate"/>), so
/// each name has one client per process, shared by the provider's senders and receivers.
/// </summary>
internal sealed class ShardedQueueServiceClient : QueueServiceClient
{
    private readonly IReadOnlyList<QueueServiceClient> shards;
    private readonly TimeSpan idleRecheck;

    // One client per queue, shared by every caller: its gate must see this process's sends, and a spread queue
    // remembers where the messages it received live.
    private readonly ConcurrentDictionary<string, QueueClient> queues = new(StringComparer.Ordinal);

    /// <param name="shards">The endpoints, the connection string's own first.</param>
    /// <param name="idleRecheck">How long a queue found empty goes unpolled unless this process sends to it
    /// (<see cref="IdleQueueGate"/>); zero: whenever the provider asks.</param>
    public ShardedQueueServiceClient(IReadOnlyList<QueueServiceClient> shards, TimeSpan idleRecheck)
    {
        ArgumentOutOfRangeException.ThrowIfZero(shards.Count);
        this.shards = shards;
        this.idleRecheck = idleRecheck;
    }

    // The provider uses only these three members of its queue service client.
    public override string AccountName => shards[0].AccountName;

    public override Uri Uri => shards[0].Uri;

    public override QueueClient GetQueueClient(string queueName) => queues.GetOrAdd(queueName, name =>
        ControlQueuePartition(name) is { } partition
            ? new GatedQueueClient(shards[partition % shards.Count].GetQueueClient(name), idleRecheck, TimeProvider.System)
            : new ShardedWorkItemQueueClient([.. shards.Select(s => s.GetQueueClient(name))], idleRecheck, TimeProvider.System));

    /// <summary>The partition of a control queue (<c>{hub}-control-NN</c>); null for any other queue.</summary>
    private static int? ControlQueuePartition(string queueName)
    {
        const string controlMarker = "-control-";
        var marker = queueName.LastIndexOf(controlMarker, StringComparison.Ordinal);
        return marker >= 0 && int.TryParse(queueName.AsSpan(marker + controlMarker.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
            ? partition
            : null;
    }

    /// <summary>
    /// A provider for the Azure Storage orchestration service: the connection string's own queue endpoint first, then
    /// <paramref name="extraQueueEndpoints"/> (none: every queue on the one endpoint), all with the connection
    /// string's account and key; <paramref name="idleRecheck"/> as in the constructor.
    /// </summary>
    public static IStorageServiceClientProvider<QueueServiceClient, QueueClientOptions> CreateProvider(string connectionString, IReadOnlyList<string> extraQueueEndpoints, TimeSpan idleRecheck)
    {
        var connectionStrings = new List<string> { connectionString };
        connectionStrings.AddRange(extraQueueEndpoints.Select(endpoint => WithQueueEndpoint(connectionString, endpoint)));
        return new Provider(connectionStrings, idleRecheck);
    }

    /// <summary>The same connection string with its <c>QueueEndpoint</c> replaced (or added).</summary>
    internal static string WithQueueEndpoint(string connectionString, string queueEndpoint)
    {
        // Split by hand so every other part reaches the storage SDK exactly as it was written.
        var parts = connectionString
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(part => !part.StartsWith("QueueEndpoint=", StringComparison.OrdinalIgnoreCase))
            .Append($"QueueEndpoint={queueEndpoint}");
        return string.Join(';', parts);
    }

    private sealed class Provider(IReadOnlyList<string> connectionStrings, TimeSpan idleRecheck) : IStorageServiceClientProvider<QueueServiceClient, QueueClientOptions>
    {
        public QueueClientOptions CreateOptions() => new();

        // The provider adds its retry and throttling policies to the options it passes in; every shard gets them.
        public QueueServiceClient CreateClient(QueueClientOptions options) =>
            new ShardedQueueServiceClient(connectionStrings.Select(c => new QueueServiceClient(c, options)).ToList(), idleRecheck);
    }
}
