using Booking.Core.Records;
using Booking.Core.Reservations;

namespace Booking.LocalHost.Tests;

/// <summary>A local host of its own, so the thousands of reservations these tests make list nowhere else.</summary>
public sealed class ListingHostFixture : HostFixture
{
    protected override void Configure(Dictionary<string, string?> environment)
    {
    }
}

/// <summary>Lists long enough to need many pages, read from outside the host as a client pages.</summary>
public sealed class ReservationListingTests(ListingHostFixture fixture) : IClassFixture<ListingHostFixture>
{
    private const int Count = 2500;

    [Fact]
    public async Task Listing_2500_reservations_page_by_page_returns_each_exactly_once_even_while_another_starts()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var apartmentId = "bulk-" + suffix;
        var ids = Enumerable.Range(0, Count).Select(i => $"bulk-{i:D4}-{suffix}").ToList();
        await StartWaitingReservationsAsync(apartmentId, ids);

        var listed = new List<string>();
        string? after = null;
        do
        {
            var page = (await fixture.Host.PostAsync(
                "query($a: ID, $after: String) { reservations(apartmentId: $a, first: 250, after: $after) { items { id status } nextToken } }",
                new { a = apartmentId, after })).Data.GetProperty("reservations");
            listed.AddRange(page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()!));
            after = page.GetProperty("nextToken").GetString();
            if (listed.Count == 250)
            {
                // A client is paging when a new reservation of the apartment starts: the pages still to come neither
                // repeat nor skip one of those that were there.
                await fixture.Host.TryReserveAsync(apartmentId, "late-" + suffix, paymentWindowSeconds: 60);
            }

            Assert.True(listed.Count <= Count + 1, "The pages listed more reservations than exist.");
        }
        while (after is not null);

        var counted = listed.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(counted.Count == 0, $"Listed more than once: {string.Join(", ", counted.Take(10))}");
        Assert.Empty(ids.Except(listed));
        Assert.Empty(listed.Except(ids).Except(["late-" + suffix]));
    }

    /// <summary>
    /// Claims the reservations as reserveApartment does, with a record each (a millisecond apart, so their order is
    /// known), without starting their workflows: lists read only the records, so thousands cost only their creation,
    /// where running them through reserveApartment would take many minutes on one Azurite process.
    /// </summary>
    private async Task StartWaitingReservationsAsync(string apartmentId, IReadOnlyList<string> ids)
    {
        var records = fixture.Dynalite.RecordsOf(fixture.TableName);
        var createdAt = DateTimeOffset.UtcNow.AddMinutes(-10);
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, cancellationToken) =>
            Assert.True(await records.CreateAsync(new ReservationRecord(ids[i], apartmentId, ReservationStatus.Requested, createdAt.AddMilliseconds(i), createdAt.AddDays(1)), cancellationToken)));
    }
}
