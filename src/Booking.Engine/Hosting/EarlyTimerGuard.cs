using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Middleware;

namespace Booking.Engine.Hosting;

/// <summary>
/// Holds back a durable timer that the Azure Storage provider delivers before it is due. The provider hides a timer
/// message for <c>FireAt - now</c>, but Azure queue visibility timeouts are whole seconds and the fraction is dropped,
/// so a timer can arrive up to a second early, and a payment window would end before its deadline. Waiting out the
/// remainder here, then restamping the batch's start, keeps "never before the deadline" without touching the provider.
/// </summary>
internal static class EarlyTimerGuard
{
    public static async Task HoldUntilDueAsync(DispatchMiddlewareContext context, Func<Task> next)
    {
        var state = context.GetProperty<OrchestrationRuntimeState>();
        var due = state?.NewEvents.OfType<TimerFiredEvent>().Select(t => t.FireAt).DefaultIfEmpty(DateTime.MinValue).Max() ?? DateTime.MinValue;
        var early = due - DateTime.UtcNow;
        if (early > TimeSpan.Zero)
        {
            await Task.Delay(early);

            // The orchestration's clock (context.CurrentUtcDateTime) is this event's timestamp, taken before the wait.
            var now = DateTime.UtcNow;
            foreach (var started in state!.NewEvents.OfType<OrchestratorStartedEvent>())
            {
                started.Timestamp = now;
            }
        }

        await next();
    }
}
