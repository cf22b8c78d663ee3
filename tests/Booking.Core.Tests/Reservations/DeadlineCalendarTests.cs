using Booking.Core.Configuration;
using Booking.Core.Reservations;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Booking.Core.Tests.Reservations;

public sealed class DeadlineCalendarTests
{
    private static readonly TimeSpan TwoSeconds = TimeSpan.FromSeconds(2);
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, 250, TimeSpan.Zero));

    [Fact]
    public void Without_a_limit_every_reservation_holds_at_once()
    {
        var calendar = Calendar(perSecond: 0);

        Assert.All(Enumerable.Range(0, 1000), _ => Assert.Null(calendar.Admit(TwoSeconds)));
    }

    [Fact]
    public void Past_the_limit_a_reservation_holds_later_so_its_window_ends_at_the_start_of_the_next_second_with_room()
    {
        var calendar = Calendar(perSecond: 3);
        var now = clock.GetUtcNow();

        var holds = Enumerable.Range(0, 7).Select(_ => calendar.Admit(TwoSeconds)).ToList();

        Assert.All(holds.Take(3), Assert.Null);
        var endOfFirst = DateTimeOffset.FromUnixTimeSeconds((now + TwoSeconds).ToUnixTimeSeconds() + 1);
        Assert.Equal([endOfFirst - TwoSeconds, endOfFirst - TwoSeconds, endOfFirst - TwoSeconds, endOfFirst + TimeSpan.FromSeconds(1) - TwoSeconds], holds.Skip(3));
    }

    [Fact]
    public void Windows_of_different_lengths_share_the_seconds_they_end_in()
    {
        var calendar = Calendar(perSecond: 1);
        var now = clock.GetUtcNow();

        var shortFirst = calendar.Admit(TimeSpan.FromSeconds(1.8));
        var longSecond = calendar.Admit(TimeSpan.FromSeconds(2));

        // 09:00:00.250 + 1.8 s and + 2 s both end in second 09:00:02, so the second one holds later.
        Assert.Null(shortFirst);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 1, 0, TimeSpan.Zero), longSecond);
        Assert.True(longSecond > now);
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
        Assert.Equal(1000 / perSecond, perDeadlineSecond.Count);
        Assert.All(holds, h => Assert.True(h >= now));
    }

    private DeadlineCalendar Calendar(int perSecond) =>
        new(Options.Create(new ReservationOptions { MaxDeadlinesPerSecond = perSecond }), clock);
}
