using System.Net.Http.Headers;
using Booking.Core.Apartments;
using Booking.Testing;
using Booking.Testing.Hosts;

namespace Booking.LocalHost.Tests;

/// <summary>A local host with an operator key and the per-client limits at their defaults, behind a proxy it trusts
/// (so each test is a client of its own, by the X-Forwarded-For address it sends).</summary>
public sealed class LimitedHostFixture : HostFixture
{
    public string OperatorKey { get; } = "operator-" + Guid.NewGuid().ToString("N");

    protected override void Configure(Dictionary<string, string?> environment)
    {
        environment["Auth__OperatorKey"] = OperatorKey;
        environment["Reservation__TrustForwardedFor"] = "true";
        environment.Remove("Reservation__MaxActiveHoldsPerClient");
        environment.Remove("Reservation__MaxReservationsPerClientPerMinute");
        environment.Remove("Reservation__MaxClientPaymentWindow");
        environment.Remove("Reservation__MaxPaymentWindow");
    }
}

/// <summary>With only the client key, nobody can hold more than a few apartments or start reservations without end;
/// the operator key can undo a squatter's holds.</summary>
public sealed class ClientLimitTests(LimitedHostFixture fixture) : IClassFixture<LimitedHostFixture>
{
    private const string Reserve = "mutation($a: ID!, $r: ID!, $w: Int) { reserveApartment(input: {apartmentId: $a, reservationId: $r, paymentWindowSeconds: $w}) { id status token } }";

    private IBookingHost Host => fixture.Host;

    [Fact]
    public async Task Fifty_reservations_from_one_client_hold_five_apartments_and_the_rest_are_refused_with_nothing_written()
    {
        var (client, apartments) = (NewClient(), await AddApartmentsAsync(50));

        var answers = new List<GraphQLResponse>();
        foreach (var apartment in apartments)
        {
            answers.Add(await ReserveAsync(client, apartment, "r-" + apartment));
        }

        var held = answers.Where(a => !a.HasErrors).ToList();
        var refused = answers.Where(a => a.HasErrors).ToList();
        Assert.Equal(5, held.Count);
        Assert.All(held, a => Assert.Equal("PENDING_PAYMENT", a.Data.GetProperty("reserveApartment").GetProperty("status").GetString()));
        Assert.Contains(refused, a => a.ErrorCode == "TOO_MANY_HOLDS");
        Assert.All(refused, a => Assert.Contains(a.ErrorCode, new[] { "TOO_MANY_HOLDS", "RATE_LIMITED" }));
        foreach (var apartment in apartments.Skip(5))
        {
            Assert.Null(await Host.ReservationStatusAsync("r-" + apartment));
            Assert.Equal(ApartmentStatus.Vacant, (await fixture.Table.GetAsync(apartment))!.Status);
        }
    }

    [Fact]
    public async Task A_client_at_its_limit_reserves_again_once_it_cancels_a_hold()
    {
        var (client, apartments) = (NewClient(), await AddApartmentsAsync(6));
        var tokens = new List<string>();
        foreach (var apartment in apartments.Take(5))
        {
            tokens.Add((await ReserveAsync(client, apartment, "r-" + apartment)).Data.GetProperty("reserveApartment").GetProperty("token").GetString()!);
        }

        var atLimit = await ReserveAsync(client, apartments[5], "r-" + apartments[5] + "-a");
        Assert.False((await Host.TryCancelAsync("r-" + apartments[0], tokens[0])).HasErrors);
        var afterCancel = await ReserveAsync(client, apartments[5], "r-" + apartments[5] + "-b");

        Assert.Equal("TOO_MANY_HOLDS", atLimit.ErrorCode);
        Assert.Equal("PENDING_PAYMENT", afterCancel.Data.GetProperty("reserveApartment").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_operator_key_cancels_a_squatted_hold_without_its_token_and_the_apartment_is_vacant_again()
    {
        var (squatter, apartments) = (NewClient(), await AddApartmentsAsync(1));
        Assert.False((await ReserveAsync(squatter, apartments[0], "squat-" + apartments[0])).HasErrors);

        var byClient = await Host.PostAsync("mutation($id: ID!) { cancelReservation(reservationId: $id) { status } }", new { id = "squat-" + apartments[0] });
        var byOperator = await Host.PostAsync("mutation($id: ID!) { cancelReservation(reservationId: $id) { status } }", new { id = "squat-" + apartments[0] }, Host.AsOperator(fixture.OperatorKey));

        Assert.Equal("FORBIDDEN", byClient.ErrorCode);
        Assert.Equal("CANCELLED", byOperator.Data.GetProperty("cancelReservation").GetProperty("status").GetString());
        Assert.Equal(ApartmentStatus.Vacant, (await fixture.Table.GetAsync(apartments[0]))!.Status);
    }

    [Fact]
    public async Task A_week_long_window_is_refused_for_a_client_and_granted_to_an_operator()
    {
        var (client, apartments) = (NewClient(), await AddApartmentsAsync(1));
        const int Week = 7 * 24 * 3600;

        var asClient = await ReserveAsync(client, apartments[0], "week-" + apartments[0], Week);
        var asOperator = await Host.PostAsync(Reserve, new { a = apartments[0], r = "week-op-" + apartments[0], w = Week }, Host.AsOperator(fixture.OperatorKey));

        Assert.Equal("BAD_USER_INPUT", asClient.ErrorCode);
        Assert.Contains("Longer windows need the operator key", asClient.Json.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Null(await Host.ReservationStatusAsync("week-" + apartments[0]));
        Assert.Equal("PENDING_PAYMENT", asOperator.Data.GetProperty("reserveApartment").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_client_starts_at_most_thirty_reservations_a_minute()
    {
        // Reservations of an apartment that does not exist end at once, so holds never stop them; only the rate does.
        // Started early in a minute, so the thirty-first falls into the same minute as the first.
        if (DateTime.UtcNow.Second > 40)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - DateTime.UtcNow.Second));
        }

        var client = NewClient();
        var answers = new List<string>();
        for (var i = 0; i < 31; i++)
        {
            var answer = await ReserveAsync(client, "missing-" + client, $"rate-{client}-{i}");
            answers.Add(answer.HasErrors ? answer.ErrorCode : answer.Data.GetProperty("reserveApartment").GetProperty("status").GetString()!);
        }

        Assert.All(answers.Take(30), status => Assert.Equal("FAILED", status));
        Assert.Equal("RATE_LIMITED", answers[30]);
        Assert.Null(await Host.ReservationStatusAsync($"rate-{client}-30"));
    }

    // Each test is a client of its own: the limits count by address (the port is dropped), so no two tests share one.
    private static int clients;

    private static string NewClient() => $"198.51.100.{Interlocked.Increment(ref clients)}:{Random.Shared.Next(1024, 65535)}";

    private Task<GraphQLResponse> ReserveAsync(string client, string apartmentId, string reservationId, int? windowSeconds = 60) =>
        Host.PostAsync(Reserve, new { a = apartmentId, r = reservationId, w = windowSeconds }, headers => FromClient(headers, client));

    private void FromClient(HttpRequestHeaders headers, string client)
    {
        Host.AddClientKey(headers);
        headers.Add("X-Forwarded-For", $"{client}, 10.0.0.1");
    }

    private async Task<List<string>> AddApartmentsAsync(int count)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var ids = Enumerable.Range(0, count).Select(i => $"lim-{suffix}-{i:D2}").ToList();
        foreach (var id in ids)
        {
            await Host.AddApartmentAsync(id, fixture.OperatorKey);
        }

        return ids;
    }
}
