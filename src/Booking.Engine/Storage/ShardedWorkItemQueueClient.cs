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
/// Each shard has an <see cref="IdleQueueGate"/>: receives go to the next shard that may hold something, and wait while
/// every shard is known to be empty. Only the members the provider calls on a queue are implemented.
/// </summary>
internal sealed class ShardedWorkItemQueueClient : QueueClient
{
    private readonly IReadOnlyList<QueueClient> shards;
    private readonly IReadOnlyList<IdleQueueGate> gates;
    private readonly IdleQueueGate.Signal signal = new();
    private readonly TimeProvider time;

    // Where each message this process received lives, until it is deleted. A message another process received and
    // lost (a crash) becomes visible again and is received, and so recorded, anew. The entry of a message abandoned
    // here and then finished by another process stays behind: a few bytes, only after failures.
    private readonly ConcurrentDictionary<string, int> received = new(StringComparer.Ordinal);
    private int nextSend = -1;
    private int nextReceive = -1;

    /// <param name="shards">The physical queues, one per endpoint.</param>
    /// <param name="idleRecheck">How long a shard found empty goes unpolled unless this process sends to it
    /// (<see cref="IdleQueueGate"/>); zero polls whenever asked, as the provider does.</param>
    /// <param name="time">The clock; <see cref="TimeProvider.System"/> when null.</param>
    public ShardedWorkItemQueueClient(IReadOnlyList<QueueClient> shards, TimeSpan idleRecheck = default, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shards.Count, 1);
        this.shards = shards;
        this.time = time ?? TimeProvider.System;
        gates = [.. shards.Select(_ => new IdleQueueGate(idleRecheck, this.time, signal))];
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

    public override async Task<Response<SendReceipt>> SendMessageAsync(string messageText, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        var index = Next(ref nextSend);
        var receipt = await shards[index].SendMessageAsync(messageText, visibilityTimeout, timeToLive, cancellationToken);
        gates[index].Sent(visibilityTimeout);
        return receipt;
    }

    /// <summary>One request, to the next shard in turn that may hold something: an empty answer makes the provider back
    /// off, as from one queue.</summary>
    public override async Task<Response<QueueMessage>> ReceiveMessageAsync(TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        var (index, ticket) = await IdleQueueGate.WaitForAnyAsync(gates, Next(ref nextReceive), signal, time, cancellationToken);
        bool? foundAny = null;
        try
        {
            var response = await shards[index].ReceiveMessageAsync(visibilityTimeout, cancellationToken);
            if (response.Value is { } message)
            {
                received[message.MessageId] = index;
            }

            foundAny = response.Value is not null;
            return response;
        }
        finally
        {
            gates[index].Completed(ticket, foundAny);
        }
    }

    public override Task<Response> DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        var index = received.TryRemove(messageId, out var owner) ? owner : throw Unknown(messageId);
        return shards[index].DeleteMessageAsync(messageId, popReceipt, cancellationToken);
    }

    /// <summary>An abandoned message becomes visible again after <paramref name="visibilityTimeout"/>; a renewed one
    /// may (if it is not deleted first), so its shard's gate looks then.</summary>
    public override async Task<Response<UpdateReceipt>> UpdateMessageAsync(string messageId, string popReceipt, string? messageText = null, TimeSpan visibilityTimeout = default, CancellationToken cancellationToken = default)
    {
        var index = OwnerOf(messageId);
        var receipt = await shards[index].UpdateMessageAsync(messageId, popReceipt, messageText, visibilityTimeout, cancellationToken);
        gates[index].Sent(visibilityTimeout);
        return receipt;
    }

    private int OwnerOf(string messageId) => received.TryGetValue(messageId, out var owner) ? owner : throw Unknown(messageId);

    private int Next(ref int counter) => (int)((uint)Interlocked.Increment(ref counter) % (uint)shards.Count);

    private InvalidOperationException Unknown(string messageId) =>
        new($"Message {messageId} of queue {Name} was not received by this process, so its shard is unknown.");
}
