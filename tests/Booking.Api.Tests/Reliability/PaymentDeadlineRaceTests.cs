using System.Globalization;
using System.Text.Json;
using Booking.Core.Apartments;
using Xunit.Abstractions;

namespace Booking.Api.Tests.Reliability;

/// <summary>Payments that arrive around the end of the payment window, when the timer and the event race.</summary>
[Collection(ReliabilityCollection.Name)]
public sealed class PaymentDeadlineRaceTests(ReliabilityFixture server, ITestOutputHelper output)
{
    private const int Reservations = 30;

    private const int PaymentWindowSeconds = 2;

    /// <summary>Payments are sent from this long before the deadline to this long after it, evenly spread.</summary>
    private static readonly TimeSpan Spread = TimeSpan.FromMilliseconds(600);

    [Fact]
    public async Task Payment_racing_the_deadline_ends_PAID_with_the_apartment_paid_or_EXPIRED_with_it_vacant()
    {
        var apartments = await Task.WhenAll(Enumerable.Range(0, Reservations).Select(i => server.AddApartmentAsync($"deadline{i}")));
        var reservationIds = apartments.Select(a => "pay-" + a).ToList();

        // Reservations start one after another, each payment timed from its own deadline, so a few overlap at once:
        // the in-process host decides too slowly for 30 simultaneous holds to leave a 2 s window to race in.
        var payments = new List<Task<(TimeSpan Offset, GraphQLHttpResponse Response)>>();
        for (var i = 0; i < Reservations; i++)
        {
            await server.ReserveAsync(apartments[i], reservationIds[i], PaymentWindowSeconds);
            var held = await server.DecidedAsync(reservationIds[i]);
            Assert.Equal("PENDING_PAYMENT", ApiFixture.Status(held));
            var deadline = DateTimeOffset.Parse(held.GetProperty("expiresAt").GetString()!, CultureInfo.InvariantCulture);
            payments.Add(PayAtAsync(reservationIds[i], deadline, -Spread + (2 * Spread * i / (Reservations - 1))));
        }

        var sent = await Task.WhenAll(payments);
        var ended = await Task.WhenAll(reservationIds.Select(server.EndedAsync));

        // A race only if payments really went out on both sides of their deadlines.
        Assert.Contains(sent, s => s.Offset < TimeSpan.Zero);
        Assert.Contains(sent, s => s.Offset > TimeSpan.Zero);

        for (var i = 0; i < Reservations; i++)
        {
            var status = ApiFixture.Status(ended[i]);
            var apartment = await server.Store.GetAsync(apartments[i]);
            var (offset, response) = sent[i];
            output.WriteLine($"payment sent {offset.TotalMilliseconds,6:0} ms from the deadline: {status}, apartment {apartment!.Status}; answer {Summary(response)}");
            Assert.Contains(status, new[] { "PAID", "EXPIRED" });
            Assert.Null(ended[i].GetProperty("errorCode").GetString());
            if (status == "PAID")
            {
                Assert.Equal(ApartmentStatus.Paid, apartment.Status);
                Assert.Equal(reservationIds[i], apartment.ReservationId);
            }
            else
            {
                Assert.Equal(ApartmentStatus.Vacant, apartment.Status);
                Assert.Null(apartment.ReservationId);
            }

            AssertAnswerAgrees(response, reservationIds[i], status);
        }

        var paid = ended.Count(r => ApiFixture.Status(r) == "PAID");
        output.WriteLine($"{Reservations} payments within ±{Spread.TotalMilliseconds:0} ms of a {PaymentWindowSeconds} s deadline: {paid} PAID, {Reservations - paid} EXPIRED.");
    }

    /// <summary>Sends confirmPayment at <paramref name="deadline"/> + <paramref name="offset"/>, or at once when that
    /// has passed; returns when it was really sent, relative to the deadline, and the answer.</summary>
    private async Task<(TimeSpan Offset, GraphQLHttpResponse Response)> PayAtAsync(string reservationId, DateTimeOffset deadline, TimeSpan offset)
    {
        var wait = deadline + offset - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        var sentAt = DateTimeOffset.UtcNow - deadline;
        return (sentAt, await server.SendEventAsync("confirmPayment", reservationId));
    }

    /// <summary>The payment's own answer may be the outcome, a CONFLICT when the reservation had already ended, or
    /// PENDING_PAYMENT when the outcome took longer than the API waits — but it never names another outcome.</summary>
    private static void AssertAnswerAgrees(GraphQLHttpResponse response, string reservationId, string status)
    {
        if (response.Json.TryGetProperty("errors", out _))
        {
            Assert.Equal("CONFLICT", response.ErrorCode);
            Assert.Equal($"Reservation '{reservationId}' has already ended with status {status}; it can no longer be paid for.", response.ErrorMessage);
        }
        else
        {
            Assert.Contains(ApiFixture.Status(response.Json.GetProperty("data").GetProperty("confirmPayment")), new[] { status, "PENDING_PAYMENT" });
        }
    }

    private static string Summary(GraphQLHttpResponse response) =>
        response.Json.TryGetProperty("errors", out _)
            ? $"{response.ErrorCode}"
            : ApiFixture.Status(response.Json.GetProperty("data").GetProperty("confirmPayment"));
}
