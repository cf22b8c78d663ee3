using Booking.Core.Apartments;
using Booking.Core.Configuration;
using Booking.Core.Records;
using Booking.Core.Reservations;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Booking.Core.Tests.Reservations;

/// <summary>The sweeper ends reservations whose workflow is gone, reading only open records past their deadline.
/// Each test's holds are minutes in the past, so other tests' records in the shared tables are left alone.</summary>
public sealed class OrphanedHoldSweeperTests(WorkflowHostFixture fixture) : IClassFixture<WorkflowHostFixture>
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_hold_past_its_deadline_and_grace_with_no_workflow_is_released_and_its_record_ends_EXPIRED()
    {
        var (apartmentId, reservationId) = await AddOrphanedHoldAsync(DateTimeOffset.UtcNow.AddMinutes(-10));

        var ended = await SweeperAt(DateTimeOffset.UtcNow).SweepAsync(fixture.Client);

        Assert.True(ended >= 1);
        Assert.Equal(new Apartment(apartmentId, ApartmentStatus.Vacant), (await fixture.Store.GetAsync(apartmentId))! with { UpdatedAt = null });
        var record = await fixture.Records.GetAsync(reservationId);
        Assert.Equal((ReservationStatus.Expired, ReservationErrorCode.WorkflowFailed), (record!.Status, record.ErrorCode));
    }

    [Fact]
    public async Task A_reservation_whose_workflow_never_started_ends_FAILED_and_touches_no_apartment()
    {
        var apartmentId = "apt-" + Guid.NewGuid().ToString("N");
        var reservationId = "never-" + Guid.NewGuid().ToString("N");
        await fixture.Store.AddAsync(apartmentId);
        var createdAt = DateTimeOffset.UtcNow.AddMinutes(-20);
        await fixture.Records.CreateAsync(new ReservationRecord(reservationId, apartmentId, ReservationStatus.Requested, createdAt, createdAt.AddMinutes(1)));

        await SweeperAt(DateTimeOffset.UtcNow).SweepAsync(fixture.Client);

        Assert.Equal(ReservationStatus.Failed, (await fixture.Records.GetAsync(reservationId))!.Status);
        Assert.Equal(ApartmentStatus.Vacant, (await fixture.Store.GetAsync(apartmentId))!.Status);
    }

    [Fact]
    public async Task A_hold_still_within_its_grace_period_is_left_alone()
    {
        var (apartmentId, reservationId) = await AddOrphanedHoldAsync(DateTimeOffset.UtcNow.AddMinutes(-1));

        await SweeperAt(DateTimeOffset.UtcNow).SweepAsync(fixture.Client);

        Assert.Equal(reservationId, (await fixture.Store.GetAsync(apartmentId))!.ReservationId);
        Assert.Equal(ReservationStatus.PendingPayment, (await fixture.Records.GetAsync(reservationId))!.Status);
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
        Assert.Equal(ReservationStatus.PendingPayment, (await fixture.Records.GetAsync(reservationId))!.Status);
        await fixture.Client.TerminateInstanceAsync(reservationId);
    }

    [Fact]
    public async Task A_paid_apartment_is_never_touched_and_its_record_ends_PAID()
    {
        var (apartmentId, reservationId) = await AddOrphanedHoldAsync(DateTimeOffset.UtcNow.AddMinutes(-10));
        await fixture.Store.ConfirmPaymentAsync(apartmentId, reservationId);

        await SweeperAt(DateTimeOffset.UtcNow.AddDays(1)).SweepAsync(fixture.Client);

        Assert.Equal(ApartmentStatus.Paid, (await fixture.Store.GetAsync(apartmentId))!.Status);
        Assert.Equal(ReservationStatus.Paid, (await fixture.Records.GetAsync(reservationId))!.Status);
    }

    private OrphanedHoldSweeper SweeperAt(DateTimeOffset now) => new(
        fixture.Store,
        fixture.Records,
        Options.Create(new ReservationOptions { SweepGracePeriod = Grace }),
        new FakeTimeProvider(now),
        NullLogger<OrphanedHoldSweeper>.Instance);

    /// <summary>A hold as a workflow leaves it, apartment and record, with no workflow behind it.</summary>
    private async Task<(string ApartmentId, string ReservationId)> AddOrphanedHoldAsync(DateTimeOffset reservedUntil)
    {
        var apartmentId = "apt-" + Guid.NewGuid().ToString("N");
        var reservationId = "orphan-" + Guid.NewGuid().ToString("N");
        await fixture.Store.AddAsync(apartmentId);
        Assert.True((await fixture.Store.ReserveAsync(apartmentId, reservationId, reservedUntil)).Applied);
        await fixture.Records.HoldAsync(reservationId, apartmentId, reservedUntil);
        return (apartmentId, reservationId);
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
