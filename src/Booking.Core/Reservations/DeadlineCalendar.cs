using Booking.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Booking.Core.Reservations;

/// <summary>
/// Admission control for payment windows. A window ends with a release (two workflow episodes and two activities), and
/// a process can finish only so many of those a second: past that, windows that end together queue behind each other
/// and apartments stay held after their deadlines (measured: a burst of 1,000 held them 33 s late on 2 cores). So when
/// <see cref="ReservationOptions.MaxDeadlinesPerSecond"/> is set, each new reservation is given the earliest moment at
/// or after now from which its window would end in a second that still has room, and waits until then before it holds
/// the apartment (status REQUESTED). The promise is kept by holding later, never by releasing late.
/// </summary>
/// <remarks>
/// Per process, in memory: every process (a local host, each Function App instance) paces what it starts itself,
/// which matches the capacity each adds. Seconds already past are forgotten.
/// </remarks>
public sealed class DeadlineCalendar(IOptions<ReservationOptions> options, TimeProvider clock)
{
    private readonly int perSecond = options.Value.MaxDeadlinesPerSecond;
    private readonly Dictionary<long, int> booked = [];
    private readonly Lock gate = new();
    private long forgottenBefore;

    /// <summary>When a new reservation with this <paramref name="window"/> may hold its apartment: null for now, or a
    /// later moment when the second its window would end in is full. Books the second it will end in.</summary>
    public DateTimeOffset? Admit(TimeSpan window)
    {
        if (perSecond == 0)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        lock (gate)
        {
            Forget(now.ToUnixTimeSeconds());
            var start = now;
            var second = (start + window).ToUnixTimeSeconds();
            while (booked.GetValueOrDefault(second) >= perSecond)
            {
                second++;
                start = DateTimeOffset.FromUnixTimeSeconds(second) - window;
            }

            booked[second] = booked.GetValueOrDefault(second) + 1;
            return start > now ? start : null;
        }
    }

    private void Forget(long currentSecond)
    {
        // Once a second, drop the seconds that have passed: no window can end in them any more.
        if (currentSecond <= forgottenBefore)
        {
            return;
        }

        forgottenBefore = currentSecond;
        foreach (var second in booked.Keys.Where(s => s < currentSecond).ToList())
        {
            booked.Remove(second);
        }
    }
}
