using System.Collections.Concurrent;
using System.Threading.Channels;
using DurableTask.Core;

namespace Booking.Engine.Tests;

/// <summary>A hand-written orchestration service that hands out the work items a test gives it and records what is
/// done with them; only the orchestration work-item calls are supported.</summary>
internal sealed class FakeOrchestrationService(TimeSpan lockLifetime) : IOrchestrationService
{
    private readonly Channel<TaskOrchestrationWorkItem> ready = Channel.CreateUnbounded<TaskOrchestrationWorkItem>();

    public ConcurrentQueue<string> Calls { get; } = new();

    public int TaskActivityDispatcherCount => 1;

    public int TaskOrchestrationDispatcherCount => 1;

    public int MaxConcurrentTaskOrchestrationWorkItems => 100;

    public int MaxConcurrentTaskActivityWorkItems => 10;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => BehaviorOnContinueAsNew.Carryover;

    public void Add(TaskOrchestrationWorkItem workItem) => ready.Writer.TryWrite(workItem);

    public Task StartAsync() => Record("start");

    public Task StopAsync() => Record("stop");

    public Task StopAsync(bool isForced) => Record("stop");

    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        await ready.Reader.ReadAsync(cancellationToken);

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem)
    {
        workItem.LockedUntilUtc = DateTime.UtcNow + lockLifetime;
        return Record($"renew {workItem.InstanceId}");
    }

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState) => Record($"complete {workItem.InstanceId}");

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => Record($"abandon {workItem.InstanceId}");

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => Record($"release {workItem.InstanceId}");

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => 1;

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => 1;

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => false;

    public Task CreateAsync() => throw new NotSupportedException();

    public Task CreateAsync(bool recreateInstanceStore) => throw new NotSupportedException();

    public Task CreateIfNotExistsAsync() => throw new NotSupportedException();

    public Task DeleteAsync() => throw new NotSupportedException();

    public Task DeleteAsync(bool deleteInstanceStore) => throw new NotSupportedException();

    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => throw new NotSupportedException();

    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) => throw new NotSupportedException();

    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) => throw new NotSupportedException();

    private Task Record(string call)
    {
        Calls.Enqueue(call);
        return Task.CompletedTask;
    }
}
