using Booking.Core.Configuration;
using Booking.Core.Reservations;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Booking.Core.Tests.Reservations;

public sealed class DeadlineCalendarTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan TwoSeconds = TimeSpan.FromSeconds(2);
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Start + TimeSpan.FromMilliseconds(250));

    [Fact]
    public void Without_a_limit_every_reservation_holds_at_once()
    {
        var calendar = Calendar(perSecond: 0);

        Assert.All(Enumerable.Range(0, 1000), _ => Assert.Null(calendar.Admit(TwoSeconds)));
    }

    [Fact]
    public void Reservations_arriving_below_the_limit_all_hold_at_once()
    {
        var calendar = Calendar(perSecond: 8);

        var holds = Enumerable.Range(0, 40).Select(_ =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(500));
            return calendar.Admit(TwoSeconds);
        }).ToList();

        Assert.All(holds, Assert.Null);
    }

    [Fact]
    public void Past_the_limit_a_reservation_holds_later_so_its_window_ends_at_the_start_of_the_next_second_with_room()
    {
        var calendar = Calendar(perSecond: 3);

        var holds = Enumerable.Range(0, 7).Select(_ => calendar.Admit(TwoSeconds)).ToList();

        // Second 0 takes three starts and second 2 three ends; the next three start in second 1 and end in second 3
        // (holding from 1 s); the seventh finds seconds 1–3 full, starts in 4 and ends in 4 (holding from 2 s).
        Assert.Equal([null, null, null, At(1), At(1), At(1), At(2)], holds);
    }

    [Fact]
    public void Starts_and_ends_share_the_places_of_a_second()
    {
        var calendar = Calendar(perSecond: 2);

        var holds = Enumerable.Range(0, 4).Select(_ => calendar.Admit(OneSecond)).ToList();

        // Two start in second 0 and end in 1; the third starts and ends in 2 (holds from 1 s); the fourth starts and
        // ends in 3 (holds from 2 s).
        Assert.Equal([null, null, At(1), At(2)], holds);
    }

    [Fact]
    public void Windows_of_different_lengths_share_the_seconds_they_end_in()
    {
        var calendar = Calendar(perSecond: 1);

        var shortFirst = calendar.Admit(TimeSpan.FromSeconds(1.8));
        var longSecond = calendar.Admit(TwoSeconds);

        // 0.25 s + 1.8 s and + 2 s both end in second 2, so the second one ends in 3 and holds from 1 s.
        Assert.Null(shortFirst);
        Assert.Equal(At(1), longSecond);
    }

    [Fact]
    public void Seconds_that_have_passed_no_longer_count()
    {
        var calendar = Calendar(perSecond: 1);
        Assert.Null(calendar.Admit(TwoSeconds));
        Assert.NotNull(calendar.Admit(TwoSeconds));

        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Null(calendar.Admit(TwoSeconds));
    }

    [Fact]
    public async Task Concurrent_requests_never_put_more_deadlines_in_one_second_than_the_limit()
    {
        const int perSecond = 10;
        var calendar = Calendar(perSecond);
        var now = clock.GetUtcNow();

        var holds = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => calendar.Admit(TwoSeconds) ?? now)));

        var perDeadlineSecond = holds.GroupBy(h => (h + TwoSeconds).ToUnixTimeSeconds()).Select(g => g.Count()).ToList();
        Assert.All(perDeadlineSecond, count => Assert.True(count <= perSecond, $"{count} deadlines in one second"));
        Assert.True(perDeadlineSecond.Count >= 1000 / perSecond, $"1,000 deadlines in only {perDeadlineSecond.Count} seconds");
        Assert.All(holds, h => Assert.True(h >= now));
    }

    private static DateTimeOffset At(int seconds) => Start + TimeSpan.FromSeconds(seconds);

    private DeadlineCalendar Calendar(int perSecond) =>
        new(Options.Create(new ReservationOptions { MaxStartsAndEndsPerSecond = perSecond }), clock);
}
