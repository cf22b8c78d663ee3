using Xunit.Abstractions;

namespace BookingFunctions.Tests;

/// <summary>
/// Counts the Azure Storage requests the Functions host makes for one reservation of each ending, from Azurite's request
/// log: the requests while it runs, less what the idle host makes in as long (queue polling, leases). The figures are
/// printed; the assertions only check that counting sees the workflow's work.
/// </summary>
[Trait(FunctionsHostCategory.Name, FunctionsHostCategory.Value)]
public sealed class StorageTransactionTests(CountedStorageFixture fixture, ITestOutputHelper log) : IClassFixture<CountedStorageFixture>
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(10);

    private enum Ending
    {
        Expired,
        Paid,
        Cancelled,
        Rejected,
    }

    [Fact]
    public async Task Storage_requests_of_each_ending_are_counted_above_the_idle_hosts()
    {
        var idleFrom = DateTime.UtcNow;
        await Task.Delay(Idle);
        var idlePerSecond = Count(idleFrom, DateTime.UtcNow) / Idle.TotalSeconds;

        var measured = new List<(Ending Ending, int Total, double Seconds)>();
        foreach (var ending in Enum.GetValues<Ending>())
        {
            measured.Add(await MeasureAsync(ending));
        }

        log.WriteLine($"idle host: {idlePerSecond:0.0} storage requests/s");
        foreach (var (ending, total, seconds) in measured)
        {
            log.WriteLine($"{ending}: {total} requests in {seconds:0.0} s, {total - (idlePerSecond * seconds):0} above idle");
        }

        Assert.All(measured, m => Assert.True(
            m.Total > idlePerSecond * m.Seconds,
            $"{m.Ending}: {m.Total} requests in {m.Seconds:0.0} s is no more than the idle host's {idlePerSecond:0.0}/s; the log misses the workflow."));
    }

    /// <summary>One reservation, from the reserve call until it has ended the given way, on an apartment of its own
    /// (for REJECTED, one that another reservation already holds).</summary>
    private async Task<(Ending, int, double)> MeasureAsync(Ending ending)
    {
        var host = fixture.Host;
        var apartmentId = $"apt-{ending}-{Guid.NewGuid():N}";
        var reservationId = $"r-{ending}-{Guid.NewGuid():N}";
        await fixture.Table.AddAsync(apartmentId);
        if (ending == Ending.Rejected)
        {
            await host.ReserveAsync(apartmentId, "holder-" + reservationId, paymentWindowSeconds: 60);
        }

        var from = DateTime.UtcNow;
        await host.ReserveAsync(apartmentId, reservationId, paymentWindowSeconds: 3);
        switch (ending)
        {
            case Ending.Paid:
                await host.ConfirmPaymentAsync(reservationId);
                break;
            case Ending.Cancelled:
                await host.CancelAsync(reservationId);
                break;
        }

        var status = await host.WaitForFinalStatusAsync(reservationId, DateTime.UtcNow + TimeSpan.FromSeconds(60));
        var to = DateTime.UtcNow;
        Assert.Equal(ending.ToString().ToUpperInvariant(), status);
        return (ending, Count(from, to), (to - from).TotalSeconds);
    }

    private int Count(DateTime from, DateTime to) => StorageRequestLog.Count(fixture.StorageRequestLog!, from, to);
}
