using System.Diagnostics;
using Booking.Engine.Configuration;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using DurableTask.Core.Tracing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using CoreFailureDetails = DurableTask.Core.FailureDetails;
using CoreOrchestrationQuery = DurableTask.Core.Query.OrchestrationQuery;
using CorePurgeResult = DurableTask.Core.PurgeResult;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace Booking.Engine.Client;

/// <summary>
/// The SDK's <see cref="DurableTaskClient"/> over the Azure Storage provider's own client API, so code written against
/// the SDK (the GraphQL layer, tests) runs unchanged on the local engine. Payloads go through the same JSON data
/// converter as the worker's shims, so custom status and outputs read back as the workflow's records.
/// </summary>
public sealed class EngineDurableTaskClient : DurableTaskClient
{
    // Every status: a reservation id names one reservation for good, so an id is never reused, even after the end.
    private static readonly OrchestrationStatus[] AnyExistingStatus = Enum.GetValues<OrchestrationStatus>();

    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(500);

    private readonly AzureStorageOrchestrationService service;
    private readonly InstanceTable instances;
    private readonly DataConverter converter = EngineSerialization.DataConverter;

    public EngineDurableTaskClient(AzureStorageOrchestrationService service, IOptions<EngineOptions> options)
        : base("LocalDurableEngine")
    {
        ArgumentNullException.ThrowIfNull(options);
        this.service = service;
        instances = new InstanceTable(options.Value);
    }

    /// <inheritdoc/>
    /// <exception cref="InstanceAlreadyExistsException">An instance with the requested id exists, in any state.</exception>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName,
        object? input = null,
        StartOrchestrationOptions? options = null,
        CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var instance = new OrchestrationInstance
        {
            InstanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N"),
            ExecutionId = Guid.NewGuid().ToString("N"),
        };
        var started = new ExecutionStartedEvent(-1, converter.Serialize(input))
        {
            Name = orchestratorName.Name,
            OrchestrationInstance = instance,
            ScheduledStartTime = options?.StartAt?.UtcDateTime,
            Tags = options?.Tags?.ToDictionary(t => t.Key, t => t.Value),

            // As the Functions host's client does: the orchestration's and its activities' spans then join the
            // caller's trace (DurableTask.Core starts them from this context).
            ParentTraceContext = Activity.Current is { Id: { } caller } current ? new DistributedTraceContext(caller, current.TraceStateString) : null,
        };

        await CreateAsync(new TaskMessage { OrchestrationInstance = instance, Event = started }, started, cancellation);
        return instance.InstanceId;
    }

    private async Task CreateAsync(TaskMessage message, ExecutionStartedEvent started, CancellationToken cancellation)
    {
        var instance = message.OrchestrationInstance;
        try
        {
            if (!await instances.TryInsertPendingAsync(started, cancellation))
            {
                await service.CreateTaskOrchestrationAsync(message, AnyExistingStatus);
                return;
            }
        }
        catch (OrchestrationAlreadyExistsException e)
        {
            throw InstanceAlreadyExistsException.For(instance.InstanceId, e);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 409)
        {
            throw InstanceAlreadyExistsException.For(instance.InstanceId, e);
        }

        try
        {
            await service.SendTaskOrchestrationMessageAsync(message);
        }
        catch (Exception)
        {
            // Without its start message the row would say Pending for ever; remove it so the id can be used again.
            await instances.DeleteAsync(instance.InstanceId);
            throw;
        }
    }

    /// <inheritdoc/>
    /// <exception cref="InstanceNotFoundException">No instance has this id.</exception>
    public override async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        await EnsureExistsAsync(instanceId, cancellation);
        await SendAsync(instanceId, new EventRaisedEvent(-1, converter.Serialize(eventPayload)) { Name = eventName });
    }

    /// <inheritdoc/>
    /// <exception cref="InstanceNotFoundException">No instance has this id.</exception>
    public override async Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        await EnsureExistsAsync(instanceId, cancellation);
        await service.ForceTerminateTaskOrchestrationAsync(instanceId, converter.Serialize(options?.Output));
    }

    public override async Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        await EnsureExistsAsync(instanceId, cancellation);
        await SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason));
    }

    public override async Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        await EnsureExistsAsync(instanceId, cancellation);
        await SendAsync(instanceId, new ExecutionResumedEvent(-1, reason));
    }

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        var states = await service.GetOrchestrationStateAsync(instanceId, allExecutions: false, fetchInput: getInputsAndOutputs);
        var state = states.FirstOrDefault(s => s is not null);
        return state is null ? null : ToMetadata(state, getInputsAndOutputs);
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        Pageable.Create<OrchestrationMetadata>(async (continuation, pageSize, cancellation) =>
        {
            var fetchPayloads = filter?.FetchInputsAndOutputs ?? false;
            var query = new CoreOrchestrationQuery
            {
                RuntimeStatus = filter?.Statuses?.Select(ToCoreStatus).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                PageSize = pageSize ?? filter?.PageSize ?? OrchestrationQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                FetchInputsAndOutputs = fetchPayloads,
                ExcludeEntities = true,
            };
            var result = await service.GetOrchestrationWithQueryAsync(query, cancellation);
            return new Page<OrchestrationMetadata>(
                result.OrchestrationState.Select(s => ToMetadata(s, fetchPayloads)).ToList(),
                string.IsNullOrEmpty(result.ContinuationToken) ? null : result.ContinuationToken);
        });

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        PollUntilAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        PollUntilAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellation);

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        CorePurgeResult result = await ((IOrchestrationServicePurgeClient)service).PurgeInstanceStateAsync(instanceId);
        return new PurgeResult(result.DeletedInstanceCount);
    }

    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        cancellation.ThrowIfCancellationRequested();
        var coreFilter = new PurgeInstanceFilter(
            filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue,
            filter.CreatedTo?.UtcDateTime,
            filter.Statuses?.Select(ToCoreStatus));
        CorePurgeResult result = await ((IOrchestrationServicePurgeClient)service).PurgeInstanceStateAsync(coreFilter);
        return new PurgeResult(result.DeletedInstanceCount);
    }

    /// <summary>The engine owns the orchestration service; the client has nothing of its own to release.</summary>
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    // The SDK's runtime status mirrors DurableTask.Core's status value for value (the gRPC sidecar converts the same
    // way), including the two statuses the SDK marks obsolete.
    private static OrchestrationStatus ToCoreStatus(OrchestrationRuntimeStatus status) => (OrchestrationStatus)(int)status;

    private static OrchestrationRuntimeStatus ToRuntimeStatus(OrchestrationStatus status) => (OrchestrationRuntimeStatus)(int)status;

    private static TaskFailureDetails? ToFailureDetails(CoreFailureDetails? details) => details is null
        ? null
        : new TaskFailureDetails(details.ErrorType, details.ErrorMessage, details.StackTrace, ToFailureDetails(details.InnerFailure), null);

    private static DateTimeOffset AsUtc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private OrchestrationMetadata ToMetadata(OrchestrationState state, bool withPayloads) =>
        new(state.Name, state.OrchestrationInstance.InstanceId)
        {
            RuntimeStatus = ToRuntimeStatus(state.OrchestrationStatus),
            CreatedAt = AsUtc(state.CreatedTime),
            LastUpdatedAt = AsUtc(state.LastUpdatedTime),
            SerializedInput = withPayloads ? state.Input : null,
            SerializedOutput = withPayloads ? state.Output : null,
            SerializedCustomStatus = state.Status,
            FailureDetails = ToFailureDetails(state.FailureDetails),
            DataConverter = converter,
        };

    private async Task EnsureExistsAsync(string instanceId, CancellationToken cancellation)
    {
        if (await GetInstancesAsync(instanceId, getInputsAndOutputs: false, cancellation) is null)
        {
            throw InstanceNotFoundException.For(instanceId);
        }
    }

    private Task SendAsync(string instanceId, HistoryEvent historyEvent) =>
        service.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = historyEvent,
        });

    private async Task<OrchestrationMetadata> PollUntilAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, CancellationToken cancellation)
    {
        // The provider has no change feed; poll the instance table, quickly at first, then at a steady pace.
        var delay = FirstPoll;
        while (true)
        {
            var metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation);
            if (metadata is not null && done(metadata))
            {
                return metadata;
            }

            await Task.Delay(delay, cancellation);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestPoll.Ticks));
        }
    }
}
