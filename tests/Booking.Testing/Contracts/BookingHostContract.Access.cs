using System.Text.Json;
using Booking.Core.Apartments;
using Booking.Testing.Hosts;
using Xunit;

namespace Booking.Testing.Contracts;

/// <summary>Who may see and change a reservation, how a stay ends, and how lists page.</summary>
public abstract partial class BookingHostContract
{
    private const string ReservationByToken = "query($id: ID!, $token: String) { reservation(id: $id, token: $token) { id apartmentId status expiresAt token } }";

    [Fact]
    public async Task A_reservation_shows_its_details_only_with_its_token_and_only_its_token_cancels_it()
    {
        var (apartmentId, reservationId) = await NewApartmentAsync();
        var (other, _) = await NewApartmentAsync();
        await Host.ReserveAsync(apartmentId, reservationId, paymentWindowSeconds: 60);
        await Host.ReserveAsync(other, other + "-r", paymentWindowSeconds: 60);
        var token = BookingApi.TokenOf(reservationId);

        var withoutToken = (await Host.PostAsync(ReservationByToken, new { id = reservationId })).Data.GetProperty("reservation");
        var withToken = (await Host.PostAsync(ReservationByToken, new { id = reservationId, token })).Data.GetProperty("reservation");
        var wrongToken = await Host.PostAsync(ReservationByToken, new { id = reservationId, token = BookingApi.TokenOf(other + "-r") });
        var cancelledByOther = await Host.TryCancelAsync(reservationId, BookingApi.TokenOf(other + "-r"));

        Assert.Equal(BookingApi.PendingPayment, withoutToken.GetProperty("status").GetString());
        Assert.Equal(apartmentId, withoutToken.GetProperty("apartmentId").GetString());
        Assert.Equal(JsonValueKind.Null, withoutToken.GetProperty("expiresAt").ValueKind);
        Assert.Equal(JsonValueKind.String, withToken.GetProperty("expiresAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, withToken.GetProperty("token").ValueKind);
        AssertError(wrongToken, "FORBIDDEN", "The token does not match");
        AssertError(cancelledByOther, "FORBIDDEN", "The token does not match");
        Assert.Equal(BookingApi.PendingPayment, await Host.ReservationStatusAsync(reservationId));
        await AssertApartmentAsync(apartmentId, ApartmentStatus.Reserved, reservationId);

        await Host.CancelAsync(reservationId);
        Assert.Equal(BookingApi.Cancelled, await Host.WaitForFinalStatusAsync(reservationId, DateTime.UtcNow + Patience));
        await Host.CancelAsync(other + "-r");
    }

    [Fact]
    public async Task Check_out_ends_only_a_paid_stay_of_the_reservation_that_paid_and_the_apartment_can_be_booked_again()
    {
        var (apartmentId, reservationId) = await NewApartmentAsync();
        await Host.ReserveAsync(apartmentId, reservationId, paymentWindowSeconds: 60);

        var whileReserved = await Host.TryCheckOutAsync(apartmentId, reservationId: null);
        await AssertApartmentAsync(apartmentId, ApartmentStatus.Reserved, reservationId);
        await Host.ConfirmPaymentAsync(reservationId);
        await Host.WaitForStatusAsync(reservationId, s => s == BookingApi.Paid, DateTime.UtcNow + Patience);
        var otherReservation = await Host.TryCheckOutAsync(apartmentId, reservationId + "-other");
        await AssertApartmentAsync(apartmentId, ApartmentStatus.Paid, reservationId);
        var checkedOut = await Host.TryCheckOutAsync(apartmentId, reservationId);
        var again = await Host.TryCheckOutAsync(apartmentId, reservationId: null);
        var rebooked = await Host.ReserveAsync(apartmentId, reservationId + "-next", paymentWindowSeconds: 60);

        AssertError(whileReserved, "CONFLICT", "is reserved, not paid");
        AssertError(otherReservation, "CONFLICT", $"was paid for by reservation '{reservationId}'");
        Assert.Equal("VACANT", checkedOut.Data.GetProperty("checkOut").GetProperty("status").GetString());
        AssertError(again, "CONFLICT", "is vacant, not paid");
        Assert.Equal(BookingApi.PendingPayment, rebooked.GetProperty("status").GetString());
        await AssertApartmentAsync(apartmentId, ApartmentStatus.Reserved, reservationId + "-next");
        await Host.CancelAsync(reservationId + "-next");
    }

    [Fact]
    public async Task Reservations_of_an_apartment_page_newest_first_each_listed_once_and_getStepFunctions_pages_through_its_extensions()
    {
        var (apartmentId, prefix) = await NewApartmentAsync();
        var started = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            // One at a time, so creation order is known: the first holds the apartment, the rest are REJECTED.
            await Host.ReserveAsync(apartmentId, $"{prefix}-{i}", paymentWindowSeconds: 60);
            started.Add($"{prefix}-{i}");
        }

        var pages = await ReadPagesAsync("reservations", after => ("query($a: ID, $after: String) { reservations(apartmentId: $a, first: 4, after: $after) { items { id apartmentId status } nextToken } }", new { a = apartmentId, after }));
        var rejected = await ReadPagesAsync("reservations", after => ("query($a: ID, $after: String) { reservations(apartmentId: $a, status: REJECTED, first: 5, after: $after) { items { id } nextToken } }", new { a = apartmentId, after }));
        var seed = await ReadStepFunctionPagesAsync(first: 3);

        Assert.Equal(Enumerable.Reverse(started), pages.SelectMany(p => p).Select(r => r.GetProperty("id").GetString()));
        Assert.Equal([4, 4, 1], pages.Select(p => p.Count));
        Assert.Equal(started.Skip(1).Reverse(), rejected.SelectMany(p => p).Select(r => r.GetProperty("id").GetString()));
        Assert.All(started, id => Assert.Equal(1, seed.Count(s => s == id)));
        Assert.Equal(seed.Count, seed.Distinct().Count());
        await Host.CancelAsync(started[0]);
    }

    [Fact]
    public async Task Apartments_page_in_a_stable_order_listing_every_apartment_of_the_table_once()
    {
        await NewApartmentAsync();

        var pages = await ReadPagesAsync("apartments", after => ("query($after: String) { apartments(first: 7, after: $after) { items { id } nextToken } }", new { after }));
        var listed = pages.SelectMany(p => p).Select(a => a.GetProperty("id").GetString()!).ToList();
        var inTable = new List<string>();
        string? token = null;
        do
        {
            var page = await Table.ListAsync(100, token);
            inTable.AddRange(page.Items.Select(a => a.Id));
            token = page.NextPageToken;
        }
        while (token is not null);

        Assert.All(pages.SkipLast(1), p => Assert.Equal(7, p.Count));
        Assert.Equal(inTable.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    /// <summary>Follows <c>nextToken</c> from the first page to the last; each page's items.</summary>
    private async Task<List<List<JsonElement>>> ReadPagesAsync(string field, Func<string?, (string Query, object Variables)> document)
    {
        var pages = new List<List<JsonElement>>();
        string? after = null;
        do
        {
            var (query, variables) = document(after);
            var page = (await Host.PostAsync(query, variables)).Data.GetProperty(field);
            pages.Add([.. page.GetProperty("items").EnumerateArray()]);
            after = page.GetProperty("nextToken").GetString();
            Assert.True(pages.Count < 1000, "The list never ended.");
        }
        while (after is not null);

        return pages;
    }

    /// <summary>The seed's list keeps its shape, so its next page's token comes in the response's extensions.</summary>
    private async Task<List<string>> ReadStepFunctionPagesAsync(int first)
    {
        var ids = new List<string>();
        string? after = null;
        do
        {
            var response = await Host.PostAsync("query($first: Int, $after: String) { getStepFunctions(first: $first, after: $after) { id arn } }", new { first, after });
            ids.AddRange(response.Data.GetProperty("getStepFunctions").EnumerateArray().Select(e => e.GetProperty("id").GetString()!));
            after = response.Json.TryGetProperty("extensions", out var extensions) ? extensions.GetProperty("nextTokens").GetProperty("getStepFunctions").GetString() : null;
            Assert.True(ids.Count < 100_000, "The list never ended.");
        }
        while (after is not null);

        return ids;
    }

    private static void AssertError(GraphQLResponse response, string code, string message)
    {
        var error = Assert.Single(response.Json.GetProperty("errors").EnumerateArray());
        Assert.Equal(code, error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
