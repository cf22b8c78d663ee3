using Booking.Core.Apartments;
using Booking.Core.Configuration;
using Booking.Core.Reservations;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Booking.Core.Tests.Reservations;

public sealed class OrphanedHoldSweeperTests(WorkflowHostFixture fixture) : IClassFixture<WorkflowHostFixture>
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_hold_past_its_deadline_and_grace_with_no_workflow_is_released()
    {
        var apartmentId = await AddHeldApartmentAsync("orphan-" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow.AddMinutes(-10));

        var released = await SweeperAt(DateTimeOffset.UtcNow).SweepAsync(fixture.Client);

        Assert.True(released >= 1);
        Assert.Equal(new Apartment(apartmentId, ApartmentStatus.Vacant), (await fixture.Store.GetAsync(apartmentId))! with { UpdatedAt = null });
    }

    [Fact]
    public async Task A_hold_still_within_its_grace_period_is_left_alone()
    {
        var reservationId = "recent-" + Guid.NewGuid().ToString("N");
        var apartmentId = await AddHeldApartmentAsync(reservationId, DateTimeOffset.UtcNow.AddMinutes(-1));

        await SweeperAt(DateTimeOffset.UtcNow).SweepAsync(fixture.Client);

        Assert.Equal(reservationId, (await fixture.Store.GetAsync(apartmentId))!.ReservationId);
    }

    [Fact]
    public async Task A_hold_whose_workflow_is_still_running_is_left_to_the_workflow()
    {
        var apartmentId = "live-" + Guid.NewGuid().ToString("N");
        var reservationId = "r-" + Guid.NewGuid().ToString("N");
        await fixture.Store.AddAsync(apartmentId);
        await fixture.Client.ScheduleNewOrchestrationInstanceAsync(
            ReservationOrchestrator.Name,
            new ReservationRequest(reservationId, apartmentId, TimeSpan.FromMinutes(10)),
            new StartOrchestrationOptions(reservationId));
        await WaitUntilHeldAsync(apartmentId);

        // An hour later the hold looks orphaned by its time, but its workflow is alive.
        await SweeperAt(DateTimeOffset.UtcNow.AddHours(1)).SweepAsync(fixture.Client);

        Assert.Equal(reservationId, (await fixture.Store.GetAsync(apartmentId))!.ReservationId);
        await fixture.Client.TerminateInstanceAsync(reservationId);
    }

    [Fact]
    public async Task A_paid_apartment_is_never_touched()
    {
        var reservationId = "paid-" + Guid.NewGuid().ToString("N");
        var apartmentId = await AddHeldApartmentAsync(reservationId, DateTimeOffset.UtcNow.AddMinutes(-10));
        await fixture.Store.ConfirmPaymentAsync(apartmentId, reservationId);

        await SweeperAt(DateTimeOffset.UtcNow.AddDays(1)).SweepAsync(fixture.Client);

        Assert.Equal(ApartmentStatus.Paid, (await fixture.Store.GetAsync(apartmentId))!.Status);
    }

    private OrphanedHoldSweeper SweeperAt(DateTimeOffset now) => new(
        fixture.Store,
        Options.Create(new ReservationOptions { SweepGracePeriod = Grace }),
        new FakeTimeProvider(now),
        NullLogger<OrphanedHoldSweeper>.Instance);

    private async Task<string> AddHeldApartmentAsync(string reservationId, DateTimeOffset reservedUntil)
    {
        var apartmentId = "apt-" + Guid.NewGuid().ToString("N");
        await fixture.Store.AddAsync(apartmentId);
        Assert.True((await fixture.Store.ReserveAsync(apartmentId, reservationId, reservedUntil)).Applied);
        return apartmentId;
    }

    private async Task WaitUntilHeldAsync(string apartmentId)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if ((await fixture.Store.GetAsync(apartmentId))?.Status == ApartmentStatus.Reserved)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Apartment {apartmentId} was never reserved.");
    }
}
