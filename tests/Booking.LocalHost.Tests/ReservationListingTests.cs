using Booking.Core.Reservations;
using Booking.Engine;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.LocalHost.Tests;

/// <summary>A local host of its own, so the thousands of reservations these tests make list nowhere else.</summary>
public sealed class ListingHost : HostFixture
{
    protected override void Configure(Dictionary<string, string?> environment)
    {
    }
}

/// <summary>Lists long enough to need many pages, read from outside the host as a client pages.</summary>
public sealed class ReservationListingTests(ListingHost fixture) : IClassFixture<ListingHost>
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
    /// Starts real reservation workflows in the host's own task hub, through the engine's client, each scheduled a day
    /// ahead: they are listed like any other and wait in the hub's queue, so thousands cost only their creation, where
    /// running them through reserveApartment would take many minutes on one Azurite process.
    /// </summary>
    private async Task StartWaitingReservationsAsync(string apartmentId, IReadOnlyList<string> ids)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(fixture.Settings.ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => s.Value))
            .Build();
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddLocalDurableEngine(configuration, _ => { })
            .BuildServiceProvider();
        var client = services.GetRequiredService<DurableTaskClient>();
        var startAt = DateTimeOffset.UtcNow.AddDays(1);
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, cancellationToken) =>
            await client.ScheduleNewOrchestrationInstanceAsync(
                ReservationOrchestrator.Name,
                new ReservationRequest(id, apartmentId, TimeSpan.FromMinutes(5)),
                new StartOrchestrationOptions(id, startAt),
                cancellationToken));
    }
}
