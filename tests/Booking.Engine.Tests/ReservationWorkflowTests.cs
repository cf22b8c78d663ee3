using Booking.Core.Apartments;
using Booking.Core.Reservations;
using Booking.Testing;

namespace Booking.Engine.Tests;

/// <summary>The reservation workflow end to end on the engine: Azurite for the task hub, dynalite for apartments.</summary>
[Collection(EmulatorsCollection.Name)]
public sealed class ReservationWorkflowTests(Emulators emulators) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private EngineHost engine = null!;

    public async Task InitializeAsync() => engine = await EngineHost.StartAsync(emulators.Settings(Emulators.NewTaskHub(), Emulators.NewTable()));

    public async Task DisposeAsync() => await engine.DisposeAsync();

    [Fact]
    public async Task Unpaid_reservation_expires_at_its_deadline_and_leaves_the_apartment_vacant()
    {
        await engine.Store.AddAsync("a1");

        await engine.Client.StartAsync("r-expire", "a1", TimeSpan.FromSeconds(2));
        var outcome = await engine.Client.OutcomeAsync("r-expire", Patience);

        Assert.Equal(ReservationStatus.Expired, outcome.Status);
        Assert.Null(outcome.ErrorCode);
        Assert.True(outcome.CompletedAt >= outcome.ExpiresAt, $"completed {outcome.CompletedAt:O} before the deadline {outcome.ExpiresAt:O}");
        Assert.Equal(ApartmentStatus.Vacant, (await engine.Store.GetAsync("a1"))!.Status);
    }

    [Fact]
    public async Task Waiting_reservation_reports_pending_payment_with_its_deadline()
    {
        await engine.Store.AddAsync("a2");

        await engine.Client.StartAsync("r-pending", "a2", TimeSpan.FromMinutes(5));
        var progress = await engine.Client.PendingPaymentAsync("r-pending", Patience);

        Assert.Equal("a2", progress.ApartmentId);
        Assert.NotNull(progress.ExpiresAt);
        Assert.InRange(progress.ExpiresAt!.Value, DateTimeOffset.UtcNow.AddMinutes(4), DateTimeOffset.UtcNow.AddMinutes(5));
        var apartment = await engine.Store.GetAsync("a2");
        Assert.Equal(ApartmentStatus.Reserved, apartment!.Status);
        Assert.Equal("r-pending", apartment.ReservationId);
    }

    [Fact]
    public async Task Payment_event_while_waiting_ends_paid_and_the_apartment_stays_paid()
    {
        await engine.Store.AddAsync("a3");
        await engine.Client.StartAsync("r-pay", "a3", TimeSpan.FromMinutes(5));
        await engine.Client.PendingPaymentAsync("r-pay", Patience);

        await engine.Client.RaiseEventAsync("r-pay", ReservationEvents.PaymentConfirmed, new PaymentConfirmed(DateTimeOffset.UtcNow));
        var outcome = await engine.Client.OutcomeAsync("r-pay", Patience);

        Assert.Equal(ReservationStatus.Paid, outcome.Status);
        var apartment = await engine.Store.GetAsync("a3");
        Assert.Equal(ApartmentStatus.Paid, apartment!.Status);
        Assert.Equal("r-pay", apartment.ReservationId);
    }

    [Fact]
    public async Task Cancel_event_while_waiting_ends_cancelled_and_vacates_the_apartment()
    {
        await engine.Store.AddAsync("a4");
        await engine.Client.StartAsync("r-cancel", "a4", TimeSpan.FromMinutes(5));
        await engine.Client.PendingPaymentAsync("r-cancel", Patience);

        await engine.Client.RaiseEventAsync("r-cancel", ReservationEvents.ReservationCancelled, new ReservationCancelled(DateTimeOffset.UtcNow));
        var outcome = await engine.Client.OutcomeAsync("r-cancel", Patience);

        Assert.Equal(ReservationStatus.Cancelled, outcome.Status);
        Assert.Equal(ApartmentStatus.Vacant, (await engine.Store.GetAsync("a4"))!.Status);
    }

    [Fact]
    public async Task Reservation_of_an_unknown_apartment_fails_with_apartment_not_found()
    {
        await engine.Client.StartAsync("r-missing", "no-such-apartment", TimeSpan.FromSeconds(2));
        var outcome = await engine.Client.OutcomeAsync("r-missing", Patience);

        Assert.Equal(ReservationStatus.Failed, outcome.Status);
        Assert.Equal(ReservationErrorCode.ApartmentNotFound, outcome.ErrorCode);
        Assert.Null(await engine.Store.GetAsync("no-such-apartment"));
    }

    [Fact]
    public async Task Second_reservation_of_a_held_apartment_is_rejected_and_the_first_keeps_it()
    {
        await engine.Store.AddAsync("a5");
        await engine.Client.StartAsync("r-first", "a5", TimeSpan.FromMinutes(5));
        await engine.Client.PendingPaymentAsync("r-first", Patience);

        await engine.Client.StartAsync("r-second", "a5", TimeSpan.FromSeconds(2));
        var outcome = await engine.Client.OutcomeAsync("r-second", Patience);

        Assert.Equal(ReservationStatus.Rejected, outcome.Status);
        Assert.Equal(ReservationErrorCode.ApartmentNotVacant, outcome.ErrorCode);
        Assert.Equal("r-first", (await engine.Store.GetAsync("a5"))!.ReservationId);
    }

    [Fact]
    public async Task Payment_windows_never_end_before_their_deadline()
    {
        // Azure queue visibility is whole seconds; windows with fractions of a second are the ones that came early.
        var windows = Enumerable.Range(0, 6).Select(i => TimeSpan.FromMilliseconds(1100 + (i * 170))).ToList();
        for (var i = 0; i < windows.Count; i++)
        {
            await engine.Store.AddAsync($"w{i}");
            await engine.Client.StartAsync($"r-window-{i}", $"w{i}", windows[i]);
        }

        for (var i = 0; i < windows.Count; i++)
        {
            var outcome = await engine.Client.OutcomeAsync($"r-window-{i}", Patience);
            Assert.Equal(ReservationStatus.Expired, outcome.Status);
            Assert.True(outcome.CompletedAt >= outcome.ExpiresAt, $"r-window-{i} completed {outcome.CompletedAt:O} before its deadline {outcome.ExpiresAt:O}");
        }
    }
}
