using Microsoft.DurableTask;

namespace Booking.Engine.Hosting;

/// <summary>The engine's own task registry, kept apart from the SDK worker's options so a host that also runs the
/// gRPC worker (or the Functions worker) cannot register into the wrong one.</summary>
internal sealed record EngineTasks(DurableTaskRegistry Registry);
