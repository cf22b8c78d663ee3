using Microsoft.DurableTask;

namespace Booking.Core.Reservations;

/// <summary>The payment window's durable timer, which never ends the window early.</summary>
internal static class PaymentDeadline
{
    /// <summary>
    /// Completes once <paramref name="deadline"/> has passed on the orchestration's clock. The timer asks for a second
    /// more because the Azure Storage provider drops the fraction of a second from a timer's delay (docs/engine.md);
    /// woken early anyway, it waits again for that same instant, never for a fraction.
    /// </summary>
    public static async Task PassedAsync(TaskOrchestrationContext context, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var wakeAt = deadline.UtcDateTime.AddSeconds(1);
        do
        {
            await context.CreateTimer(wakeAt, cancellationToken);
        }
        while (context.CurrentUtcDateTime < deadline.UtcDateTime);
    }
}
