using System.Diagnostics;
using System.Text.Json;
using Booking.Core.Apartments;
using Xunit.Abstractions;

namespace Booking.Api.Tests.Reliability;

/// <summary>Many clients reserving one apartment at the same moment, through the real endpoint, round after round.</summary>
[Collection(ReliabilityCollection.Name)]
public sealed class DoubleBookingTests(ReliabilityFixture server, ITestOutputHelper output)
{
    /// <summary>Each round races this many reservations; well below the in-process host's known stall (DESIGN §4).</summary>
    private const int Contenders = 16;

    /// <summary>The in-process host decides about two reservations a second (DESIGN §4), so a round takes ~8 s; the
    /// default keeps the run short, and <c>BOOKING_RACE_ROUNDS</c> asks for a longer soak.</summary>
    private static readonly int Rounds = int.TryParse(Environment.GetEnvironmentVariable("BOOKING_RACE_ROUNDS"), out var rounds) && rounds > 0 ? rounds : 5;

    [Fact]
    public async Task Parallel_reserves_of_one_apartment_let_exactly_one_win()
    {
        var clock = Stopwatch.StartNew();
        var undecidedAtFirst = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var apartmentId = await server.AddApartmentAsync($"race{round}");
            var reservationIds = Enumerable.Range(0, Contenders).Select(i => $"race{round}-{i}-{Guid.NewGuid():N}").ToList();

            var answers = await Together.RunAsync(reservationIds.Select(id => (Func<Task<JsonElement>>)(() => server.ReserveAsync(apartmentId, id, 60))));
            undecidedAtFirst += answers.Count(a => ApiFixture.Status(a) == "REQUESTED");
            var decided = await Task.WhenAll(reservationIds.Select(server.DecidedAsync));

            var winners = decided.Where(r => ApiFixture.Status(r) == "PENDING_PAYMENT").ToList();
            Assert.True(winners.Count == 1, $"Round {round}: {winners.Count} reservations hold apartment {apartmentId}.");
            var winner = winners[0].GetProperty("id").GetString()!;
            Assert.All(decided.Where(r => r.GetProperty("id").GetString() != winner), loser =>
            {
                Assert.Equal("REJECTED", ApiFixture.Status(loser));
                Assert.Equal("ApartmentNotVacant", loser.GetProperty("errorCode").GetString());
                Assert.Equal($"Apartment '{apartmentId}' is not vacant.", loser.GetProperty("errorMessage").GetString());
            });
            Assert.All(answers.Where(a => ApiFixture.Status(a) != "REQUESTED"), answer =>
                Assert.Equal(answer.GetProperty("id").GetString() == winner ? "PENDING_PAYMENT" : "REJECTED", ApiFixture.Status(answer)));
            var held = await server.Store.GetAsync(apartmentId);
            Assert.Equal(ApartmentStatus.Reserved, held!.Status);
            Assert.Equal(winner, held.ReservationId);

            // End the winner, so no round leaves a workflow running into the next.
            await server.SendEventAsync("cancelReservation", winner);
            Assert.Equal("CANCELLED", ApiFixture.Status(await server.EndedAsync(winner)));
            Assert.Equal(ApartmentStatus.Vacant, (await server.Store.GetAsync(apartmentId))!.Status);
        }

        output.WriteLine($"{Rounds} rounds of {Contenders} parallel reserves in {clock.Elapsed.TotalSeconds:0.0} s; {undecidedAtFirst} answers were REQUESTED and decided later.");
    }

    [Fact]
    public async Task Parallel_reserves_with_one_reservationId_start_one_workflow_and_all_answer_with_it()
    {
        var apartmentId = await server.AddApartmentAsync("same-id");
        var reservationId = "same-" + Guid.NewGuid().ToString("N");

        var answers = await Together.RunAsync(Enumerable.Range(0, Contenders).Select(_ => (Func<Task<JsonElement>>)(() => server.ReserveAsync(apartmentId, reservationId, 60))));

        var decided = await server.DecidedAsync(reservationId);
        Assert.Equal("PENDING_PAYMENT", ApiFixture.Status(decided));
        Assert.All(answers, answer =>
        {
            Assert.Equal(reservationId, answer.GetProperty("id").GetString());
            Assert.Contains(ApiFixture.Status(answer), new[] { "REQUESTED", "PENDING_PAYMENT" });
        });
        // One request started it and got its token and details; the others see what anyone may.
        Assert.Single(answers, a => a.GetProperty("token").ValueKind == JsonValueKind.String);
        Assert.All(answers.Where(a => ApiFixture.Status(a) == "PENDING_PAYMENT" && a.GetProperty("token").ValueKind == JsonValueKind.String), answer =>
            Assert.Equal(decided.GetProperty("expiresAt").GetString(), answer.GetProperty("expiresAt").GetString()));
        var held = await server.Store.GetAsync(apartmentId);
        Assert.Equal(reservationId, held!.ReservationId);
        Assert.Equal(decided.GetProperty("expiresAt").GetString(), Expected.Time(held.ReservedUntil));

        await server.SendEventAsync("cancelReservation", reservationId);
        Assert.Equal("CANCELLED", ApiFixture.Status(await server.EndedAsync(reservationId)));
    }
}
