using Booking.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Booking.Core.Reservations;

/// <summary>
/// Admission control for payment windows. A process can start and release only so many reservations a second; past
/// that, windows that end together queue behind each other and behind new reservations, and apartments stay held
/// after their deadlines (measured: a burst of 1,000 held them 33 s late on 2 cores). So when
/// <see cref="ReservationOptions.MaxStartsAndEndsPerSecond"/> is set, each second has that many places: a new
/// reservation takes one for its start (the first second from now with room: a burst runs ahead of the clock) and one
/// for the end of its window, in the first second with room at or after now + window. When that is later, the
/// reservation waits (REQUESTED) until the moment its window must begin. The promise is kept by holding later, never
/// by releasing late.
/// </summary>
/// <remarks>
/// Per process, in memory: every process (a local host, each Function App instance) paces what it starts itself,
/// which matches the capacity each adds. Seconds already past are forgotten.
/// </remarks>
public sealed class DeadlineCalendar(IOptions<ReservationOptions> options, TimeProvider clock)
{
    private readonly int perSecond = options.Value.MaxStartsAndEndsPerSecond;
    private readonly Dictionary<long, int> booked = [];
    private readonly Lock gate = new();
    private long forgottenBefore;

    /// <summary>When a new reservation with this <paramref name="window"/> may hold its apartment: null for now, or a
    /// later moment when the seconds ahead are full. Books its start and its end.</summary>
    public DateTimeOffset? Admit(TimeSpan window)
    {
        if (perSecond == 0)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        lock (gate)
        {
            var thisSecond = now.ToUnixTimeSeconds();
            Forget(thisSecond);
            Book(FirstWithRoom(thisSecond));

            var end = FirstWithRoom((now + window).ToUnixTimeSeconds());
            Book(end);
            var holdFrom = DateTimeOffset.FromUnixTimeSeconds(end) - window;
            return holdFrom > now ? holdFrom : null;
        }
    }

    private long FirstWithRoom(long second)
    {
        while (booked.GetValueOrDefault(second) >= perSecond)
        {
            second++;
        }

        return second;
    }

    private void Book(long second) => booked[second] = booked.GetValueOrDefault(second) + 1;

    private void Forget(long currentSecond)
    {
        // Once a second, drop the seconds that have passed: nothing can start or end in them any more.
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
