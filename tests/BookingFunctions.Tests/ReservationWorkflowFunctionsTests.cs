using Booking.Core.Apartments;
using Booking.Core.Reservations;
using Booking.Testing;
using BookingFunctions.Workflow;

namespace BookingFunctions.Tests;

/// <summary>The Function App's activity wrappers, called directly against a real dynalite.</summary>
public sealed class ReservationWorkflowFunctionsTests(DynaliteProcess dynalite) : IClassFixture<DynaliteProcess>
{
    [Fact]
    public async Task Activity_wrappers_reserve_and_pay_through_the_shared_stores()
    {
        var table = "t" + Guid.NewGuid().ToString("N");
        var store = await dynalite.CreateStoreAsync(table);
        var records = dynalite.RecordsOf(table);
        await store.AddAsync("a1");
        var functions = new ReservationWorkflowFunctions(store, records);
        var hold = new ApartmentHold("a1", "r1", DateTimeOffset.UtcNow.AddMinutes(5));

        var reserved = await functions.ReserveApartmentAsync(hold, CancellationToken.None);
        var paid = await functions.ConfirmPaymentAsync(hold, CancellationToken.None);
        var read = await store.GetAsync("a1");

        Assert.Equal(ReservationStatus.PendingPayment, reserved.Status);
        Assert.Equal(ReservationStatus.Paid, paid.Status);
        Assert.Equal((ApartmentStatus.Paid, "r1"), (read!.Status, read.ReservationId));
        Assert.Equal(ReservationStatus.Paid, (await records.GetAsync("r1"))!.Status);
    }

    [Fact]
    public async Task Release_wrapper_refuses_a_reservation_that_does_not_hold_the_apartment()
    {
        var table = "t" + Guid.NewGuid().ToString("N");
        var store = await dynalite.CreateStoreAsync(table);
        await store.AddAsync("a1");
        var functions = new ReservationWorkflowFunctions(store, dynalite.RecordsOf(table));
        await functions.ReserveApartmentAsync(new ApartmentHold("a1", "holder", DateTimeOffset.UtcNow.AddMinutes(5)), CancellationToken.None);

        var released = await functions.ReleaseApartmentAsync(
            new ReleaseHold(new ApartmentHold("a1", "stranger", DateTimeOffset.UtcNow), ReservationStatus.Expired),
            CancellationToken.None);

        Assert.Equal(ReservationErrorCode.HoldAlreadyGone, released.ErrorCode);
        Assert.Equal("holder", (await store.GetAsync("a1"))!.ReservationId);
    }
}
