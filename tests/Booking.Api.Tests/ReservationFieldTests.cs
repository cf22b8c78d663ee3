using System.Net;
using Booking.Core.Apartments;
using Booking.Core.Configuration;
using Booking.Core.Reservations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Booking.Api.Tests;

/// <summary>The reservation fields, end to end through HTTP, the workflow and the table.</summary>
[Collection(ApiCollection.Name)]
public sealed class ReservationFieldTests(ApiFixture server)
{
    private const string ReservationFields = "id apartmentId status expiresAt errorCode errorMessage";

    private const string ReadWithToken = $"query($id: ID!, $token: String) {{ reservation(id: $id, token: $token) {{ {ReservationFields} }} }}";

    private const string Reserve = $$"""
        mutation Reserve($input: ReserveApartmentInput!) { reserveApartment(input: $input) { {{ReservationFields}} } }
        """;

    [Fact]
    public async Task ReserveApartment_holds_a_vacant_apartment_and_answers_PENDING_PAYMENT()
    {
        var apartmentId = await server.AddApartmentAsync();
        var reservationId = "r-" + Guid.NewGuid().ToString("N");

        var response = await server.ReserveAsync(apartmentId, reservationId, 60);

        var held = await server.Store.GetAsync(apartmentId);
        Assert.Equal(ApartmentStatus.Reserved, held!.Status);
        Assert.Equal(reservationId, held.ReservationId);
        Assert.Equal(
            Expected.Of(new { id = reservationId, apartmentId, status = "PENDING_PAYMENT", expiresAt = Expected.Time(held.ReservedUntil), errorCode = (string?)null, errorMessage = (string?)null, token = server.TokenOf(reservationId) }),
            response.GetRawText());
        Assert.Matches("^[A-Za-z0-9_-]{43}$", server.TokenOf(reservationId));
        await Cancel(reservationId);
    }

    [Fact]
    public async Task ReserveApartment_of_a_held_apartment_is_REJECTED_as_not_vacant()
    {
        var apartmentId = await server.AddApartmentAsync();
        var first = await ReserveAsync(apartmentId, 60);

        var response = await server.PostAsync(Reserve, new { input = new { apartmentId, reservationId = "second-" + apartmentId } });

        Assert.Equal(
            Expected.Of(new { data = new { reserveApartment = Reservation("second-" + apartmentId, apartmentId, "REJECTED", null, "ApartmentNotVacant", $"Apartment '{apartmentId}' is not vacant.") } }),
            response.Body);
        Assert.Equal(first, (await server.Store.GetAsync(apartmentId))!.ReservationId);
        await Cancel(first);
    }

    [Fact]
    public async Task ReserveApartment_of_a_missing_apartment_FAILS_as_not_found()
    {
        var apartmentId = "missing-" + Guid.NewGuid().ToString("N");

        var response = await server.PostAsync(Reserve, new { input = new { apartmentId, reservationId = "r-" + apartmentId } });

        Assert.Equal(
            Expected.Of(new { data = new { reserveApartment = Reservation("r-" + apartmentId, apartmentId, "FAILED", null, "ApartmentNotFound", $"Apartment '{apartmentId}' does not exist.") } }),
            response.Body);
        Assert.Null(await server.Store.GetAsync(apartmentId));
    }

    [Fact]
    public async Task ReserveApartment_without_a_reservationId_generates_one_that_reads_back()
    {
        var apartmentId = await server.AddApartmentAsync();

        var response = await server.PostAsync(Reserve, new { input = new { apartmentId } });

        var id = response.Json.GetProperty("data").GetProperty("reserveApartment").GetProperty("id").GetString();
        Assert.True(Guid.TryParse(id, out _), $"'{id}' is not a generated id");
        Assert.Equal(id, (await server.Store.GetAsync(apartmentId))!.ReservationId);
        await server.WaitForEndAsync(id!);
    }

    [Fact]
    public async Task ReserveApartment_with_a_known_reservationId_returns_that_reservation_and_starts_nothing()
    {
        var apartmentId = await server.AddApartmentAsync();
        var reservationId = await ReserveAsync(apartmentId, 60);
        var before = await server.Durable.GetInstanceAsync(reservationId);

        var again = await server.PostAsync(Reserve, new { input = new { apartmentId, reservationId, paymentWindowSeconds = 30 } });

        var after = await server.Durable.GetInstanceAsync(reservationId);
        Assert.Equal("PENDING_PAYMENT", again.Json.GetProperty("data").GetProperty("reserveApartment").GetProperty("status").GetString());
        Assert.Equal(before!.CreatedAt, after!.CreatedAt);

        // The repeat did not start it, so it gets what anyone may see: no token, no details.
        Assert.Equal(
            Expected.Of(new { data = new { reserveApartment = Reservation(reservationId, apartmentId, "PENDING_PAYMENT", null) } }),
            again.Body);
        await Cancel(reservationId);
    }

    [Fact]
    public async Task ReserveApartment_with_a_known_reservationId_for_another_apartment_is_a_CONFLICT()
    {
        var apartmentId = await server.AddApartmentAsync();
        var other = await server.AddApartmentAsync();
        var reservationId = await ReserveAsync(apartmentId, 60);

        var response = await server.PostAsync(Reserve, new { input = new { apartmentId = other, reservationId } });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(
            Expected.FieldError(
                $"Reservation '{reservationId}' already exists for apartment '{apartmentId}'; use a new reservation id to reserve apartment '{other}'.",
                Reserve,
                "reserveApartment",
                new { code = "CONFLICT" }),
            response.Body);
        Assert.Equal(ApartmentStatus.Vacant, (await server.Store.GetAsync(other))!.Status);
        await Cancel(reservationId);
    }

    [Theory]
    [InlineData("", null, null, "apartmentId", "apartmentId is invalid: it must not be empty.")]
    [InlineData("a1", "has/slash", null, "reservationId", "reservationId is invalid: it must not contain '/', '\\', '#' or '?'.")]
    [InlineData("a1", null, 0, "paymentWindowSeconds", "paymentWindowSeconds must be between 1 and 3600; got 0.")]
    [InlineData("a1", null, 3601, "paymentWindowSeconds", "paymentWindowSeconds must be between 1 and 3600; got 3601.")]
    public async Task ReserveApartment_refuses_invalid_arguments_with_BAD_USER_INPUT_and_starts_nothing(string apartmentId, string? reservationId, int? paymentWindowSeconds, string argument, string message)
    {
        var response = await server.PostAsync(Reserve, new { input = new { apartmentId, reservationId, paymentWindowSeconds } });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(
            Expected.FieldError(message, Reserve, "reserveApartment", new { code = "BAD_USER_INPUT", argument }),
            response.Body);
        if (reservationId is not null)
        {
            Assert.Null(await server.Durable.GetInstanceAsync(reservationId));
        }
    }

    [Fact]
    public async Task Reservation_reads_the_workflow_state()
    {
        var apartmentId = await server.AddApartmentAsync();
        var reservationId = await ReserveAsync(apartmentId, 60);

        var response = await server.PostAsync(ReadWithToken, new { id = reservationId, token = server.TokenOf(reservationId) });
        var withoutToken = await server.PostAsync(ReadWithToken, new { id = reservationId });

        var held = await server.Store.GetAsync(apartmentId);
        Assert.Equal(
            Expected.Of(new { data = new { reservation = Reservation(reservationId, apartmentId, "PENDING_PAYMENT", held!.ReservedUntil) } }),
            response.Body);
        Assert.Equal(
            Expected.Of(new { data = new { reservation = Reservation(reservationId, apartmentId, "PENDING_PAYMENT", null) } }),
            withoutToken.Body);
        await Cancel(reservationId);
    }

    [Fact]
    public async Task Reservation_is_null_for_an_unknown_id()
    {
        var response = await server.PostAsync("query($id: ID!) { reservation(id: $id) { id } }", new { id = "unknown-" + Guid.NewGuid().ToString("N") });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("""{"data":{"reservation":null}}""", response.Body);
    }

    [Fact]
    public async Task ConfirmPayment_ends_the_reservation_PAID_and_the_apartment_is_paid()
    {
        var apartmentId = await server.AddApartmentAsync();
        var reservationId = await ReserveAsync(apartmentId, 60);
        var expiresAt = (await server.Store.GetAsync(apartmentId))!.ReservedUntil;

        var response = await server.PostAsOperatorAsync($"mutation($id: ID!) {{ confirmPayment(reservationId: $id) {{ {ReservationFields} }} }}", new { id = reservationId });

        Assert.Equal(
            Expected.Of(new { data = new { confirmPayment = Reservation(reservationId, apartmentId, "PAID", expiresAt) } }),
            response.Body);
        var paid = await server.Store.GetAsync(apartmentId);
        Assert.Equal(ApartmentStatus.Paid, paid!.Status);
        Assert.Equal(reservationId, paid.ReservationId);
    }

    [Fact]
    public async Task CancelReservation_ends_the_reservation_CANCELLED_and_the_apartment_is_vacant_again()
    {
        var apartmentId = await server.AddApartmentAsync();
        var reservationId = await ReserveAsync(apartmentId, 60);

        var response = await server.PostAsync(
            "mutation($id: ID!, $token: String!) { cancelReservation(reservationId: $id, token: $token) { id status } }",
            new { id = reservationId, token = server.TokenOf(reservationId) });

        Assert.Equal(Expected.Of(new { data = new { cancelReservation = new { id = reservationId, status = "CANCELLED" } } }), response.Body);
        Assert.Equal(ApartmentStatus.Vacant, (await server.Store.GetAsync(apartmentId))!.Status);
    }

    [Fact]
    public async Task Unpaid_reservation_EXPIRES_after_its_payment_window_and_the_apartment_is_vacant_again()
    {
        var apartmentId = await server.AddApartmentAsync();
        var reservationId = await ReserveAsync(apartmentId, 1);

        await server.WaitForEndAsync(reservationId);
        var response = await server.PostAsync("query($id: ID!) { reservation(id: $id) { status errorCode } }", new { id = reservationId });

        Assert.Equal("""{"data":{"reservation":{"status":"EXPIRED","errorCode":null}}}""", response.Body);
        Assert.Equal(ApartmentStatus.Vacant, (await server.Store.GetAsync(apartmentId))!.Status);
    }

    [Theory]
    [InlineData("confirmPayment")]
    [InlineData("cancelReservation")]
    public async Task Events_for_an_unknown_reservation_are_NOT_FOUND(string field)
    {
        var reservationId = "unknown-" + Guid.NewGuid().ToString("N");

        var document = field == "cancelReservation"
            ? $"mutation($id: ID!) {{ {field}(reservationId: $id, token: \"some-token\") {{ id }} }}"
            : $"mutation($id: ID!) {{ {field}(reservationId: $id) {{ id }} }}";

        var response = await server.PostAsOperatorAsync(document, new { id = reservationId });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(
            Expected.FieldError($"No reservation has the id '{reservationId}'.", document, field, new { code = "NOT_FOUND" }),
            response.Body);
    }

    [Theory]
    [InlineData("confirmPayment", "paid for")]
    [InlineData("cancelReservation", "cancelled")]
    public async Task Events_for_a_reservation_that_has_ended_are_a_CONFLICT(string field, string verb)
    {
        var apartmentId = await server.AddApartmentAsync();
        var reservationId = await ReserveAsync(apartmentId, 60);
        await Cancel(reservationId);

        var response = await server.SendEventAsync(field, reservationId);

        Assert.Equal("CONFLICT", response.ErrorCode);
        Assert.Equal($"Reservation '{reservationId}' has already ended with status CANCELLED; it can no longer be {verb}.", response.ErrorMessage);
        Assert.Equal(ApartmentStatus.Vacant, (await server.Store.GetAsync(apartmentId))!.Status);
    }

    [Fact]
    public async Task A_terminated_workflow_reads_as_held_until_the_sweeper_ends_it_EXPIRED_with_WorkflowFailed()
    {
        var apartmentId = await server.AddApartmentAsync();
        var reservationId = await ReserveAsync(apartmentId, 60);
        await server.Durable.TerminateInstanceAsync(reservationId);
        await server.WaitForEndAsync(reservationId);
        var before = (await server.PostAsync(ReadWithToken, new { id = reservationId, token = server.TokenOf(reservationId) })).Json.GetProperty("data").GetProperty("reservation").GetProperty("status").GetString();

        // An hour on, the hold is past its deadline and its workflow is gone.
        var sweeper = new OrphanedHoldSweeper(
            server.Store,
            server.Records,
            Options.Create(new ReservationOptions { SweepGracePeriod = TimeSpan.Zero }),
            new ShiftedClock(TimeSpan.FromHours(1)),
            NullLogger<OrphanedHoldSweeper>.Instance);
        await sweeper.SweepAsync(server.Durable);
        var after = (await server.PostAsync(ReadWithToken, new { id = reservationId, token = server.TokenOf(reservationId) })).Json.GetProperty("data").GetProperty("reservation");

        Assert.Equal("PENDING_PAYMENT", before);
        Assert.Equal(("EXPIRED", "WorkflowFailed"), (after.GetProperty("status").GetString(), after.GetProperty("errorCode").GetString()));
        Assert.Equal("The reservation workflow stopped before it reached an outcome; the hold was released after its deadline.", after.GetProperty("errorMessage").GetString());
        Assert.Equal(ApartmentStatus.Vacant, (await server.Store.GetAsync(apartmentId))!.Status);
    }

    /// <summary>The system clock, some time ahead.</summary>
    private sealed class ShiftedClock(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
    }

    /// <summary>The Reservation selection <see cref="ReservationFields"/> as the API should answer it.</summary>
    private static object Reservation(string id, string apartmentId, string status, DateTimeOffset? expiresAt, string? errorCode = null, string? errorMessage = null) =>
        new { id, apartmentId, status, expiresAt = Expected.Time(expiresAt), errorCode, errorMessage };

    private async Task<string> ReserveAsync(string apartmentId, int paymentWindowSeconds)
    {
        var reservationId = "r-" + Guid.NewGuid().ToString("N");
        Assert.Equal("PENDING_PAYMENT", ApiFixture.Status(await server.ReserveAsync(apartmentId, reservationId, paymentWindowSeconds)));
        return reservationId;
    }

    private async Task Cancel(string reservationId)
    {
        await server.SendEventAsync("cancelReservation", reservationId);
        await server.WaitForEndAsync(reservationId);
    }
}
