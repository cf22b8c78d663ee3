using Azure.Data.Tables;
using Booking.Engine.Configuration;
using Booking.Engine.Storage;
using Azure;
using DurableTask.Core;
using DurableTask.Core.History;

namespace Booking.Engine.Client;

/// <summary>
/// The task hub's Instances table, read and written by key where the provider would query or race.
/// <para>Reads: the provider reads an instance's row with a filter query, and Azurite answers a query by scanning the
/// whole table, so every status read cost time in proportion to all instances ever started (the API polls it while it
/// waits for a hold decision). A point read costs the same at any size.</para>
/// <para>Creates: the provider enqueues ExecutionStarted first and writes the Pending row second. The worker in this
/// process is woken by that enqueue at once, often finds no row yet, and then defers the message with the queue's
/// exponential backoff (2 s, 4 s, 8 s …), which made starts slow and, at 32 at a time, very slow. Writing the row first
/// removes the race, and a duplicate id fails at the insert, before anything is enqueued.</para>
/// Rows this class cannot map faithfully (large payloads kept in blobs, failure details, tags, ids the provider
/// escapes) are left to the provider: the Try methods then say so.
/// </summary>
internal sealed class InstanceTable(EngineOptions options)
{
    // Well below the provider's limit for inline table payloads; anything larger goes through the provider (blobs).
    private const int MaxInlinePayloadChars = 16 * 1024;

    private static readonly string[] WithoutPayloads = ["Name", "ExecutionId", "RuntimeStatus", "CreatedTime", "LastUpdatedTime", "CustomStatus"];

    // Split like the provider's when the hub's tables are (Engine:TableShards), so both find a row in the same shard.
    private readonly TableClient table = options.TableShards == 1
        ? new TableClient(options.StorageConnectionString, options.InstancesTableName)
        : new PartitionedTableClient(new TableServiceClient(options.StorageConnectionString), options.InstancesTableName, options.TableShards);

    /// <summary>Null state with <c>Handled</c> true means no such instance.</summary>
    public async Task<(bool Handled, OrchestrationState? State)> TryReadAsync(string instanceId, bool withPayloads, CancellationToken cancellation)
    {
        if (!IsPlainKey(instanceId))
        {
            return (false, null);
        }

        var response = await table.GetEntityIfExistsAsync<TableEntity>(instanceId, string.Empty, withPayloads ? null : WithoutPayloads, cancellation);
        if (!response.HasValue || response.Value is null)
        {
            return (true, null);
        }

        var row = response.Value;
        var status = Enum.Parse<OrchestrationStatus>(row.GetString("RuntimeStatus"));
        string?[] payloads = [row.GetString("Input"), row.GetString("Output"), row.GetString("CustomStatus")];
        if (status == OrchestrationStatus.Failed || payloads.Any(p => p is not null && p.StartsWith("http", StringComparison.Ordinal)))
        {
            return (false, null);
        }

        return (true, new OrchestrationState
        {
            Name = row.GetString("Name"),
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = row.GetString("ExecutionId") },
            OrchestrationStatus = status,
            CreatedTime = row.GetDateTime("CreatedTime") ?? default,
            LastUpdatedTime = row.GetDateTime("LastUpdatedTime") ?? default,
            Input = payloads[0],
            Output = payloads[1],
            Status = payloads[2],
        });
    }

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
