using DurableTask.Core;
using Microsoft.DurableTask;

namespace Booking.Engine.Hosting;

/// <summary>
/// Gives DurableTask.Core a fresh shim around a new SDK task (built from DI) on every call: an orchestration shim keeps
/// per-execution state (the wrapped context, the custom status), so one instance must never serve two executions, and
/// activities get their services (the apartment store) exactly as they do under the gRPC worker.
/// </summary>
internal sealed class ShimCreator<T> : ObjectCreator<T>
{
    private readonly Func<T> create;

    public ShimCreator(TaskName taskName, Func<T> create)
    {
        this.create = create;
        Name = taskName.Name;
        Version = string.Empty;
    }

    public override T Create() => create();
}
