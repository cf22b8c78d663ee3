using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Booking.Engine.Storage;

/// <summary>
/// The task hub's work-item queue kept as one physical queue on each of several endpoints: sends go round-robin,
/// each receive asks the next endpoint in turn, and a received message is deleted or updated where it came from.
/// <para>
/// Why: the provider has a single work-item queue, and an Azurite queue request costs time in proportion to the
/// messages its process stores (LokiJS re-sorts its indexes on nearly every request). When starts outrun activities,
/// thousands of activity messages wait in that one queue and each request on it took tens of milliseconds: in a
/// 10,000-reservation run the process holding it was the busiest of all and activities ran at ~10 a second. Spread
/// over N processes, each holds a N-th of the backlog and serves a N-th of the requests. Order between messages is not
/// kept, which the provider does not need (activities run in parallel anyway).
/// </para>
/// Only the members the provider calls on a queue are implemented.
/// </summary>
internal sealed class ShardedWorkItemQueueClient : QueueClient
{
    private readonly IReadOnlyList<QueueClient> shards;

    // Where each message this process received lives, until it is deleted. A message another process received and
    // lost (a crash) becomes visible again and is received, and so recorded, anew. The entry of a message abandoned
    // here and then finished by another process stays behind: a few bytes, only after failures.
    private readonly ConcurrentDictionary<string, QueueClient> received = new(StringComparer.Ordinal);
    private int nextSend = -1;
    private int nextReceive = -1;

    public ShardedWorkItemQueueClient(IReadOnlyList<QueueClient> shards)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shards.Count, 1);
        this.shards = shards;
    }

    public override string Name => shards[0].Name;

    public override string AccountName => shards[0].AccountName;

    public override Uri Uri => shards[0].Uri;

    public override async Task<Response> CreateIfNotExistsAsync(IDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        var responses = await Task.WhenAll(shards.Select(s => s.CreateIfNotExistsAsync(metadata, cancellationToken)));
        return responses[0];
    }

    public override async Task<Response<bool>> ExistsAsync(CancellationToken cancellationToken = default)
    {
        var responses = await Task.WhenAll(shards.Select(s => s.ExistsAsync(cancellationToken)));
        return Response.FromValue(responses.All(r => r.Value), responses[0].GetRawResponse());
    }

    public override async Task<Response<bool>> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        var responses = await Task.WhenAll(shards.Select(s => s.DeleteIfExistsAsync(cancellationToken)));
        return Response.FromValue(responses.Any(r => r.Value), responses[0].GetRawResponse());
    }

    /// <summary>The messages of all shards together (the provider reads the count for its queue-length figures).</summary>
    public override async Task<Response<QueueProperties>> GetPropertiesAsync(CancellationToken cancellationToken = default)
    {
        var responses = await Task.WhenAll(shards.Select(s => s.GetPropertiesAsync(cancellationToken)));
        var total = responses.Sum(r => r.Value.ApproximateMessagesCount);
        return Response.FromValue(QueuesModelFactory.QueueProperties(responses[0].Value.Metadata, total), responses[0].GetRawResponse());
    }

    public override Task<Response<SendReceipt>> SendMessageAsync(string messageText, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
        shards[Next(ref nextSend)].SendMessageAsync(messageText, visibilityTimeout, timeToLive, cancellationToken);

    /// <summary>One request, to the next shard in turn: an empty answer makes the provider back off, as from one queue.</summary>
    public override async Task<Response<QueueMessage>> ReceiveMessageAsync(TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        var shard = shards[Next(ref nextReceive)];
        var response = await shard.ReceiveMessageAsync(visibilityTimeout, cancellationToken);
        if (response.Value is { } message)
        {
            received[message.MessageId] = shard;
        }

        return response;
    }

    public override Task<Response> DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        var shard = received.TryRemove(messageId, out var owner) ? owner : throw Unknown(messageId);
        return shard.DeleteMessageAsync(messageId, popReceipt, cancellationToken);
    }

    public override Task<Response<UpdateReceipt>> UpdateMessageAsync(string messageId, string popReceipt, string? messageText = null, TimeSpan visibilityTimeout = default, CancellationToken cancellationToken = default) =>
        OwnerOf(messageId).UpdateMessageAsync(messageId, popReceipt, messageText, visibilityTimeout, cancellationToken);

    public override Task<Response<UpdateReceipt>> UpdateMessageAsync(string messageId, string popReceipt, BinaryData? message, TimeSpan visibilityTimeout = default, CancellationToken cancellationToken = default) =>
        OwnerOf(messageId).UpdateMessageAsync(messageId, popReceipt, message, visibilityTimeout, cancellationToken);

    private QueueClient OwnerOf(string messageId) => received.TryGetValue(messageId, out var owner) ? owner : throw Unknown(messageId);

    private int Next(ref int counter) => (int)((uint)Interlocked.Increment(ref counter) % (uint)shards.Count);

    private InvalidOperationException Unknown(string messageId) =>
        new($"Message {messageId} of queue {Name} was not received by this process, so its shard is unknown.");
}
