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
        // The orchestration's clock (context.CurrentUtcDateTime) is the batch's OrchestratorStarted timestamp, taken
        // when the worker began the batch: that can be before the deadline even when the wall clock is past it by now
        // (a test saw a hold 1.1 ms early), so compare with the timestamp, not only with the wall clock.
        var started = state?.NewEvents.OfType<OrchestratorStartedEvent>().ToList() ?? [];
        if (started.Any(e => e.Timestamp < due))
        {
            // Task.Delay runs on another clock than DateTime.UtcNow and may return a little before it: check again.
            var now = DateTime.UtcNow;
            while (now < due)
            {
                await Task.Delay(due - now + TimeSpan.FromMilliseconds(1));
                now = DateTime.UtcNow;
            }

            foreach (var e in started)
            {
                e.Timestamp = now;
            }
        }

        await next();
    }
}
