using Booking.Core.Apartments;
using Booking.Core.Records;
using Booking.Core.Reservations;
using Xunit;

namespace Booking.Testing.Corpus;

/// <summary>What a request could have changed: the apartment table, the reservation records and the set of workflow
/// instances.</summary>
public sealed record Snapshot(IReadOnlyList<Apartment> Apartments, IReadOnlyList<string> Records, IReadOnlyList<string> Instances)
{
    /// <summary>Fails with the first difference, so a broken case says what it changed.</summary>
    public void AssertUnchangedIn(Snapshot after, string what)
    {
        var added = after.Apartments.Except(Apartments).ToList();
        var removed = Apartments.Except(after.Apartments).ToList();
        Assert.True(added.Count == 0 && removed.Count == 0, $"{what} changed the table: now {string.Join(", ", added)}; was {string.Join(", ", removed)}.");
        AssertSame(Records, after.Records, $"{what} changed the reservation records");
        AssertSame(Instances, after.Instances, $"{what} changed the workflows");
    }

    /// <summary>A snapshot of every apartment in <paramref name="store"/>, every record in <paramref name="records"/>
    /// and the given workflow instances (records and instances each <c>id=status</c>), all in a stable order.</summary>
    public static async Task<Snapshot> OfAsync(IApartmentStore store, IReservationStore records, IEnumerable<string> instances)
    {
        var apartments = new List<Apartment>();
        string? token = null;
        do
        {
            var page = await store.ListAsync(100, token);
            apartments.AddRange(page.Items);
            token = page.NextPageToken;
        }
        while (token is not null);

        var reservations = new List<string>();
        var query = new ReservationListQuery(ApartmentId: null, Status: null, First: 100);
        ReservationRecordPage read;
        do
        {
            read = await records.ListAsync(query);
            reservations.AddRange(read.Items.Select(r => $"{r.Id}={r.Status.ToStoredValue()}"));
            query = query with { After = read.Next };
        }
        while (read.Next is not null);

        return new Snapshot(
            [.. apartments.OrderBy(a => a.Id, StringComparer.Ordinal)],
            [.. reservations.Order(StringComparer.Ordinal)],
            [.. instances.Order(StringComparer.Ordinal)]);
    }

    private static void AssertSame(IReadOnlyList<string> before, IReadOnlyList<string> after, string what)
    {
        var now = after.Except(before).ToList();
        var was = before.Except(after).ToList();
        Assert.True(now.Count == 0 && was.Count == 0, $"{what}: now {string.Join(", ", now)}; was {string.Join(", ", was)}.");
    }
}
