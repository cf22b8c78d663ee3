using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

namespace Booking.Engine.Hosting;

/// <summary>Gives DurableTask.Core a shim around an SDK activity built from DI, so activities get their services
/// (the apartment store) exactly as they do under the gRPC worker.</summary>
internal sealed class ShimActivityCreator : ObjectCreator<TaskActivity>
{
    private readonly TaskName taskName;
    private readonly Func<IServiceProvider, ITaskActivity> factory;
    private readonly IServiceProvider services;
    private readonly DurableTaskShimFactory shims;

    public ShimActivityCreator(TaskName taskName, Func<IServiceProvider, ITaskActivity> factory, IServiceProvider services, DurableTaskShimFactory shims)
    {
        this.taskName = taskName;
        this.factory = factory;
        this.services = services;
        this.shims = shims;
        Name = taskName.Name;
        Version = string.Empty;
    }

    public override TaskActivity Create() => shims.CreateActivity(taskName, factory(services));
}
