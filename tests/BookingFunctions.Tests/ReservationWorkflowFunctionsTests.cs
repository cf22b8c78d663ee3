using Booking.Core.Apartments;
using Booking.Core.Reservations;
using Booking.Testing;
using BookingFunctions.Workflow;

namespace BookingFunctions.Tests;

/// <summary>The Function App's activity wrappers, called directly against a real dynalite.</summary>
public sealed class ReservationWorkflowFunctionsTests(DynaliteServer dynalite) : IClassFixture<DynaliteServer>
{
    [Fact]
    public async Task Activity_wrappers_reserve_and_pay_through_the_shared_store()
    {
        var store = await dynalite.CreateStoreAsync();
        await store.AddAsync("a1");
        var functions = new ReservationWorkflowFunctions(store);
        var until = DateTimeOffset.UtcNow.AddMinutes(5);

        var reserved = await functions.ReserveApartmentAsync(new ApartmentHold("a1", "r1", until), CancellationToken.None);
        var paid = await functions.ConfirmPaymentAsync(new ApartmentHold("a1", "r1"), CancellationToken.None);
        var read = await store.GetAsync("a1");

        Assert.Equal(TransitionOutcome.Applied, reserved.Outcome);
        Assert.Equal(TransitionOutcome.Applied, paid.Outcome);
        Assert.Equal(ApartmentStatus.Paid, read!.Status);
        Assert.Equal("r1", read.ReservationId);
    }

    [Fact]
    public async Task Release_wrapper_refuses_a_reservation_that_does_not_hold_the_apartment()
    {
        var store = await dynalite.CreateStoreAsync();
        await store.AddAsync("a1");
        var functions = new ReservationWorkflowFunctions(store);
        await functions.ReserveApartmentAsync(new ApartmentHold("a1", "holder", DateTimeOffset.UtcNow.AddMinutes(5)), CancellationToken.None);

        var released = await functions.ReleaseApartmentAsync(new ApartmentHold("a1", "stranger"), CancellationToken.None);

        Assert.Equal(TransitionOutcome.NotHolder, released.Outcome);
        Assert.Equal("holder", (await store.GetAsync("a1"))!.ReservationId);
    }
}
