using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Booking.Engine.Storage;

/// <summary>
/// One physical queue (a control queue) whose receives wait while this process knows the queue is empty
/// (<see cref="IdleQueueGate"/>), and whose sends and updates tell the gate what became visible, and when.
/// Only the members the provider calls on a queue are implemented.
/// </summary>
internal sealed class GatedQueueClient : QueueClient
{
    private readonly QueueClient inner;
    private readonly TimeProvider time;
    private readonly IdleQueueGate.Signal signal = new();
    // One queue, one gate; a list because the waiting is shared with the spread work-item queue's shards.
    private readonly IdleQueueGate[] gates;

    public GatedQueueClient(QueueClient inner, TimeSpan idleRecheck, TimeProvider time)
    {
        this.inner = inner;
        this.time = time;
        gates = [new IdleQueueGate(idleRecheck, time, signal)];
    }

    public override string Name => inner.Name;

    public override string AccountName => inner.AccountName;

    public override Uri Uri => inner.Uri;

    public override Task<Response> CreateIfNotExistsAsync(IDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default) =>
        inner.CreateIfNotExistsAsync(metadata, cancellationToken);

    public override Task<Response<bool>> ExistsAsync(CancellationToken cancellationToken = default) => inner.ExistsAsync(cancellationToken);

    public override Task<Response<bool>> DeleteIfExistsAsync(CancellationToken cancellationToken = default) => inner.DeleteIfExistsAsync(cancellationToken);

    public override Task<Response<QueueProperties>> GetPropertiesAsync(CancellationToken cancellationToken = default) => inner.GetPropertiesAsync(cancellationToken);

    public override Task<Response<PeekedMessage>> PeekMessageAsync(CancellationToken cancellationToken = default) => inner.PeekMessageAsync(cancellationToken);

    public override Task<Response<PeekedMessage[]>> PeekMessagesAsync(int? maxMessages = null, CancellationToken cancellationToken = default) =>
        inner.PeekMessagesAsync(maxMessages, cancellationToken);

    public override async Task<Response<SendReceipt>> SendMessageAsync(string messageText, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        var receipt = await inner.SendMessageAsync(messageText, visibilityTimeout, timeToLive, cancellationToken);
        gates[0].Sent(visibilityTimeout);
        return receipt;
    }

    public override async Task<Response<QueueMessage[]>> ReceiveMessagesAsync(int? maxMessages = null, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        var (_, ticket) = await IdleQueueGate.WaitForAnyAsync(gates, 0, signal, time, cancellationToken);
        bool? foundAny = null;
        try
        {
            var response = await inner.ReceiveMessagesAsync(maxMessages, visibilityTimeout, cancellationToken);
            foundAny = response.Value.Length > 0;
            return response;
        }
        finally
        {
            gates[0].Completed(ticket, foundAny);
        }
    }

    public override Task<Response> DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default) =>
        inner.DeleteMessageAsync(messageId, popReceipt, cancellationToken);

    /// <summary>An abandoned message becomes visible again after <paramref name="visibilityTimeout"/>; a renewed one
    /// may (if it is not deleted first), so the gate looks then.</summary>
    public override async Task<Response<UpdateReceipt>> UpdateMessageAsync(string messageId, string popReceipt, string? messageText = null, TimeSpan visibilityTimeout = default, CancellationToken cancellationToken = default)
    {
        var receipt = await inner.UpdateMessageAsync(messageId, popReceipt, messageText, visibilityTimeout, cancellationToken);
        gates[0].Sent(visibilityTimeout);
        return receipt;
    }
}
