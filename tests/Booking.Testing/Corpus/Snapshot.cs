using Booking.Core.Apartments;
using Xunit;

namespace Booking.Testing.Corpus;

/// <summary>What a request could have changed: the apartment table and the set of workflow instances.</summary>
public sealed record Snapshot(IReadOnlyList<Apartment> Apartments, IReadOnlyList<string> Instances)
{
    /// <summary>Fails with the first difference, so a broken case says what it changed.</summary>
    public void AssertUnchangedIn(Snapshot after, string what)
    {
        var added = after.Apartments.Except(Apartments).ToList();
        var removed = Apartments.Except(after.Apartments).ToList();
        Assert.True(added.Count == 0 && removed.Count == 0, $"{what} changed the table: now {string.Join(", ", added)}; was {string.Join(", ", removed)}.");
        var started = after.Instances.Except(Instances).ToList();
        var gone = Instances.Except(after.Instances).ToList();
        Assert.True(started.Count == 0 && gone.Count == 0, $"{what} changed the workflows: now {string.Join(", ", started)}; was {string.Join(", ", gone)}.");
    }

    /// <summary>A snapshot of every apartment in <paramref name="store"/> and the given workflow instances (each
    /// <c>id=status</c>), both in a stable order.</summary>
    public static async Task<Snapshot> OfAsync(IApartmentStore store, IEnumerable<string> instances)
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

        return new Snapshot(
            [.. apartments.OrderBy(a => a.Id, StringComparer.Ordinal)],
            [.. instances.Order(StringComparer.Ordinal)]);
    }
}
