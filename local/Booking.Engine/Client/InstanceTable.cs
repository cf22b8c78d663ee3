using Azure;
using Azure.Data.Tables;
using Booking.Engine.Configuration;
using DurableTask.Core;
using DurableTask.Core.History;

namespace Booking.Engine.Client;

/// <summary>
/// Writes a new instance's Pending row into the task hub's Instances table before its start message is sent. The
/// provider checks for an existing instance and then writes, so two concurrent starts of one id could both pass its
/// check and start two executions; an insert fails for the second one (409), before anything is enqueued. Rows this
/// class cannot write as the provider would (large inputs kept in blobs, tags, scheduled starts, ids the provider
/// escapes) are left to the provider.
/// </summary>
internal sealed class InstanceTable(EngineOptions options)
{
    // Well below the provider's limit for inline table payloads; anything larger goes through the provider (blobs).
    private const int MaxInlinePayloadChars = 16 * 1024;

    private readonly TableClient table = new(options.StorageConnectionString, options.TaskHubName + "Instances");

    /// <summary>Inserts the Pending row the provider would write for <paramref name="started"/>. False: left to the
    /// provider. Throws <see cref="RequestFailedException"/> with status 409 when the instance exists.</summary>
    public async Task<bool> TryInsertPendingAsync(ExecutionStartedEvent started, CancellationToken cancellation)
    {
        var instance = started.OrchestrationInstance;
        if (!IsPlainKey(instance.InstanceId) || started.Tags is { Count: > 0 } || started.ScheduledStartTime is not null
            || started.Input is { Length: > MaxInlinePayloadChars })
        {
            return false;
        }

        var row = new TableEntity(instance.InstanceId, string.Empty)
        {
            ["Name"] = started.Name,
            ["Version"] = started.Version,
            ["ExecutionId"] = instance.ExecutionId,
            ["Input"] = started.Input,
            ["RuntimeStatus"] = nameof(OrchestrationStatus.Pending),
            ["CreatedTime"] = started.Timestamp,
            ["LastUpdatedTime"] = started.Timestamp,
            ["Generation"] = started.Generation,
        };
        try
        {
            await table.AddEntityAsync(row, cancellation);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // The task hub does not exist yet; the provider's own path creates it.
            return false;
        }
    }

    /// <summary>Undoes <see cref="TryInsertPendingAsync"/> when the start message could not be sent.</summary>
    public Task DeleteAsync(string instanceId) => table.DeleteEntityAsync(instanceId, string.Empty);

    // The provider escapes some characters in keys; ids made only of these are used as they are.
    private static bool IsPlainKey(string instanceId) =>
        instanceId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '@');
}
