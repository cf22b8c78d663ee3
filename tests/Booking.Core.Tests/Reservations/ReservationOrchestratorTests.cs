using Booking.Core.Apartments;
using Booking.Core.Records;
using Booking.Core.Reservations;
using Booking.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Booking.Core.Tests.Reservations;

/// <summary>Every path of the reservation workflow, on a real client and worker, with tables in memory.</summary>
public sealed class ReservationOrchestratorTests(WorkflowHostFixture fixture) : IClassFixture<WorkflowHostFixture>
{
    private static readonly TimeSpan ShortWindow = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongWindow = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan CompletionTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_unpaid_reservation_expires_at_the_deadline_and_the_apartment_is_vacant_again()
    {
        var (apartmentId, reservationId) = await AddApartmentAsync();

        var outcome = await RunToCompletionAsync(reservationId, apartmentId, ShortWindow);

        Assert.Equal(ReservationStatus.Expired, outcome.Status);
        Assert.Null(outcome.ErrorCode);
        Assert.Equal(outcome.RequestedAt + ShortWindow, outcome.ExpiresAt);
        Assert.True(outcome.CompletedAt >= outcome.ExpiresAt, "the reservation ended before its deadline");
        Assert.Equal(new Apartment(apartmentId, ApartmentStatus.Vacant), (await fixture.Store.GetAsync(apartmentId))! with { UpdatedAt = null });
    }

    [Fact]
    public async Task While_waiting_the_custom_status_says_pending_payment_with_the_deadline_and_the_table_names_the_holder()
    {
        var (apartmentId, reservationId) = await AddApartmentAsync();
        await StartAsync(reservationId, apartmentId, LongWindow);

        var progress = await fixture.Client.PendingPaymentAsync(reservationId, CompletionTimeout);
        var apartment = await fixture.Store.GetAsync(apartmentId);

        Assert.Equal(apartmentId, progress.ApartmentId);
        Assert.NotNull(progress.ExpiresAt);
        Assert.Equal(ApartmentStatus.Reserved, apartment!.Status);
        Assert.Equal(reservationId, apartment.ReservationId);
        Assert.Equal(progress.ExpiresAt, apartment.ReservedUntil);
        await fixture.Client.TerminateInstanceAsync(reservationId);
    }

    [Fact]
    public async Task A_payment_event_ends_the_wait_early_and_marks_the_apartment_paid()
    {
        var (apartmentId, reservationId) = await AddApartmentAsync();
        await StartAsync(reservationId, apartmentId, LongWindow);
        await fixture.Client.PendingPaymentAsync(reservationId, CompletionTimeout);

        await fixture.Client.RaiseEventAsync(reservationId, ReservationEvents.PaymentConfirmed, new PaymentConfirmed(DateTimeOffset.UtcNow));
        var outcome = await WaitForOutcomeAsync(reservationId);

        Assert.Equal(ReservationStatus.Paid, outcome.Status);
        Assert.True(outcome.CompletedAt < outcome.ExpiresAt, "payment should end the wait before the deadline");
        var apartment = await fixture.Store.GetAsync(apartmentId);
        Assert.Equal(ApartmentStatus.Paid, apartment!.Status);
        Assert.Equal(reservationId, apartment.ReservationId);
    }

    [Fact]
    public async Task A_cancel_event_ends_the_wait_early_and_releases_the_apartment()
    {
        var (apartmentId, reservationId) = await AddApartmentAsync();
        await StartAsync(reservationId, apartmentId, LongWindow);
        await fixture.Client.PendingPaymentAsync(reservationId, CompletionTimeout);

        await fixture.Client.RaiseEventAsync(reservationId, ReservationEvents.ReservationCancelled, new ReservationCancelled(DateTimeOffset.UtcNow));
        var outcome = await WaitForOutcomeAsync(reservationId);

        Assert.Equal(ReservationStatus.Cancelled, outcome.Status);
        Assert.Null(outcome.ErrorCode);
        Assert.Equal(ApartmentStatus.Vacant, (await fixture.Store.GetAsync(apartmentId))!.Status);
    }

    [Fact]
    public async Task A_paid_status_written_by_an_external_payment_system_is_kept_at_the_deadline()
    {
        var (apartmentId, reservationId) = await AddApartmentAsync();
        await StartAsync(reservationId, apartmentId, TimeSpan.FromSeconds(2));
        await fixture.Client.PendingPaymentAsync(reservationId, CompletionTimeout);

        // As the seed's payment system does: overwrite the status only.
        fixture.Apartments.Overwrite(apartmentId, ApartmentStatus.Paid);
        var outcome = await WaitForOutcomeAsync(reservationId);

        Assert.Equal(ReservationStatus.Paid, outcome.Status);
        Assert.Equal(ApartmentStatus.Paid, (await fixture.Store.GetAsync(apartmentId))!.Status);
    }

    [Fact]
    public async Task A_missing_apartment_fails_the_reservation_as_the_seed_did_and_creates_nothing()
    {
        var apartmentId = "missing-" + Guid.NewGuid().ToString("N");
        var reservationId = "r-" + Guid.NewGuid().ToString("N");

        var outcome = await RunToCompletionAsync(reservationId, apartmentId, ShortWindow);

        Assert.Equal(ReservationStatus.Failed, outcome.Status);
        Assert.Equal(ReservationErrorCode.ApartmentNotFound, outcome.ErrorCode);
        Assert.Equal($"Apartment '{apartmentId}' does not exist.", outcome.ErrorMessage);
        Assert.Null(outcome.ExpiresAt);
        Assert.Null(await fixture.Store.GetAsync(apartmentId));
    }

    [Fact]
    public async Task A_held_apartment_rejects_a_second_reservation_and_keeps_the_first_holder()
    {
        var (apartmentId, firstId) = await AddApartmentAsync();
        await StartAsync(firstId, apartmentId, LongWindow);
        await fixture.Client.PendingPaymentAsync(firstId, CompletionTimeout);
        var secondId = "r-" + Guid.NewGuid().ToString("N");

        var outcome = await RunToCompletionAsync(secondId, apartmentId, ShortWindow);

        Assert.Equal(ReservationStatus.Rejected, outcome.Status);
        Assert.Equal(ReservationErrorCode.ApartmentNotVacant, outcome.ErrorCode);
        Assert.Equal(firstId, (await fixture.Store.GetAsync(apartmentId))!.ReservationId);
        await fixture.Client.TerminateInstanceAsync(firstId);
    }

    [Fact]
    public async Task A_retried_reserve_by_the_same_reservation_still_holds_the_apartment()
    {
        var (apartmentId, reservationId) = await AddApartmentAsync();

        // As if the activity had reserved, then crashed before reporting back, and is now run again.
        await fixture.Store.ReserveAsync(apartmentId, reservationId, DateTimeOffset.UtcNow.AddMinutes(1));
        var outcome = await RunToCompletionAsync(reservationId, apartmentId, ShortWindow);

        Assert.Equal(ReservationStatus.Expired, outcome.Status);
        Assert.Null(outcome.ErrorCode);
        Assert.Equal(ApartmentStatus.Vacant, (await fixture.Store.GetAsync(apartmentId))!.Status);
    }

    [Fact]
    public async Task Payment_after_the_hold_was_lost_changes_nothing_and_says_the_hold_was_gone()
    {
        var (apartmentId, reservationId) = await AddApartmentAsync();
        await StartAsync(reservationId, apartmentId, LongWindow);
        await fixture.Client.PendingPaymentAsync(reservationId, CompletionTimeout);

        // The hold disappears behind the workflow's back (a sweeper) and someone else books the apartment.
        await fixture.Store.ReleaseAsync(apartmentId, reservationId);
        await fixture.Store.ReserveAsync(apartmentId, "someone-else", DateTimeOffset.UtcNow.AddMinutes(5));
        await fixture.Client.RaiseEventAsync(reservationId, ReservationEvents.PaymentConfirmed, new PaymentConfirmed(DateTimeOffset.UtcNow));
        var outcome = await WaitForOutcomeAsync(reservationId);

        Assert.Equal(ReservationStatus.Expired, outcome.Status);
        Assert.Equal(ReservationErrorCode.HoldAlreadyGone, outcome.ErrorCode);
        Assert.Contains("no longer held", outcome.ErrorMessage, StringComparison.Ordinal);
        var apartment = await fixture.Store.GetAsync(apartmentId);
        Assert.Equal(ApartmentStatus.Reserved, apartment!.Status);
        Assert.Equal("someone-else", apartment.ReservationId);
    }

    [Fact]
    public async Task A_hold_taken_after_the_record_ended_is_given_back_and_the_ending_stays()
    {
        var (apartmentId, reservationId) = await AddApartmentAsync();

        // As if an earlier attempt of the reserve step had been refused and recorded, and a retry found the apartment
        // vacant by then: the record's ending wins, and the apartment must not stay held for it.
        await fixture.Records.EndAsync(reservationId, apartmentId, new ReservationDecision(ReservationStatus.Rejected, ReservationErrorCode.ApartmentNotVacant, "Taken."));
        var outcome = await RunToCompletionAsync(reservationId, apartmentId, LongWindow);

        Assert.Equal(ReservationStatus.Rejected, outcome.Status);
        Assert.Equal("Taken.", outcome.ErrorMessage);
        Assert.Equal(ApartmentStatus.Vacant, (await fixture.Store.GetAsync(apartmentId))!.Status);
    }

    [Fact]
    public async Task While_waiting_the_record_says_pending_payment_with_the_same_deadline_as_the_apartment()
    {
        var (apartmentId, reservationId) = await AddApartmentAsync();
        await StartAsync(reservationId, apartmentId, LongWindow);

        var progress = await fixture.Client.PendingPaymentAsync(reservationId, CompletionTimeout);
        var record = await fixture.Records.GetAsync(reservationId);

        Assert.Equal(ReservationStatus.PendingPayment, record!.Status);
        Assert.Equal(progress.ExpiresAt, record.ExpiresAt);
        Assert.Equal(record.ExpiresAt, (await fixture.Store.GetAsync(apartmentId))!.ReservedUntil);
        await fixture.Client.TerminateInstanceAsync(reservationId);
    }

    [Fact]
    public async Task Transient_store_faults_are_retried_and_the_reservation_still_completes_correctly()
    {
        var apartmentId = WorkflowHostFixture.FlakyPrefix + Guid.NewGuid().ToString("N");
        var reservationId = "r-" + Guid.NewGuid().ToString("N");
        await fixture.Store.AddAsync(apartmentId);
        var faultsBefore = fixture.Flaky.FaultsInjected;

        var outcome = await RunToCompletionAsync(reservationId, apartmentId, ShortWindow);

        // Reserve and release each failed once before succeeding; the expiry reads nothing apart from the release.
        Assert.Equal(2, fixture.Flaky.FaultsInjected - faultsBefore);
        Assert.Equal(ReservationStatus.Expired, outcome.Status);
        Assert.Equal(ApartmentStatus.Vacant, (await fixture.Store.GetAsync(apartmentId))!.Status);
    }

    private async Task<(string ApartmentId, string ReservationId)> AddApartmentAsync()
    {
        var apartmentId = "apt-" + Guid.NewGuid().ToString("N");
        Assert.True(await fixture.Store.AddAsync(apartmentId));
        return (apartmentId, "r-" + Guid.NewGuid().ToString("N"));
    }

    private Task StartAsync(string reservationId, string apartmentId, TimeSpan window) =>
        fixture.Client.StartAsync(reservationId, apartmentId, window);

    private async Task<ReservationOutcome> RunToCompletionAsync(string reservationId, string apartmentId, TimeSpan window)
    {
        await StartAsync(reservationId, apartmentId, window);
        return await WaitForOutcomeAsync(reservationId);
    }

    private async Task<ReservationOutcome> WaitForOutcomeAsync(string reservationId)
    {
        using var timeout = new CancellationTokenSource(CompletionTimeout);
        var metadata = await fixture.Client.WaitForInstanceCompletionAsync(reservationId, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        var outcome = metadata.ReadOutputAs<ReservationOutcome>()!;

        // The activity that ended the workflow wrote the same ending to the reservation's record.
        var record = await fixture.Records.GetAsync(reservationId);
        Assert.NotNull(record);
        Assert.Equal((outcome.Status, outcome.ErrorCode, outcome.ErrorMessage, outcome.ApartmentId), (record.Status, record.ErrorCode, record.ErrorMessage, record.ApartmentId));
        return outcome;
    }
}
