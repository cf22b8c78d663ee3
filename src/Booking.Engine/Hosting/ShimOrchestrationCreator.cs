using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

namespace Booking.Engine.Hosting;

/// <summary>
/// Gives DurableTask.Core a fresh shim around a new SDK orchestrator for every work item: the shim keeps per-execution
/// state (the wrapped context, the custom status), so one instance must never serve two executions.
/// </summary>
internal sealed class ShimOrchestrationCreator : ObjectCreator<TaskOrchestration>
{
    private readonly TaskName taskName;
    private readonly Func<IServiceProvider, ITaskOrchestrator> factory;
    private readonly IServiceProvider services;
    private readonly DurableTaskShimFactory shims;

    public ShimOrchestrationCreator(TaskName taskName, Func<IServiceProvider, ITaskOrchestrator> factory, IServiceProvider services, DurableTaskShimFactory shims)
    {
        this.taskName = taskName;
        this.factory = factory;
        this.services = services;
        this.shims = shims;
        Name = taskName.Name;
        Version = string.Empty;
    }

    public override TaskOrchestration Create() => shims.CreateOrchestration(taskName, factory(services));
}
