using Booking.Core.Apartments;
using Xunit.Abstractions;

namespace BookingFunctions.Tests;

/// <summary>
/// Counts the Azure Storage requests the Functions host makes for one reservation, from Azurite's request log: the
/// requests while it runs, less what the idle host makes in as long (queue polling, leases). The figures are printed;
/// the assertions only check that counting sees the workflow's work.
/// </summary>
[Trait(FunctionsHostCategory.Name, FunctionsHostCategory.Value)]
public sealed class StorageTransactionTests(CountedStorageHost fixture, ITestOutputHelper log) : IClassFixture<CountedStorageHost>
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Storage_requests_of_an_expiry_and_of_a_payment_are_counted_above_the_idle_hosts()
    {
        var host = fixture.Host;
        var idleFrom = DateTime.UtcNow;
        await Task.Delay(Idle);
        var idlePerSecond = Count(idleFrom, DateTime.UtcNow) / Idle.TotalSeconds;

        var expiry = await MeasureAsync("expiry", paid: false);
        var payment = await MeasureAsync("payment", paid: true);

        log.WriteLine($"idle host: {idlePerSecond:0.0} storage requests/s");
        foreach (var (what, total, seconds) in new[] { expiry, payment })
        {
            log.WriteLine($"{what}: {total} requests in {seconds:0.0} s, {total - (idlePerSecond * seconds):0} above idle");
        }

        Assert.All(new[] { expiry, payment }, m => Assert.True(
            m.Total > idlePerSecond * m.Seconds,
            $"{m.What}: {m.Total} requests in {m.Seconds:0.0} s is no more than the idle host's {idlePerSecond:0.0}/s; the log misses the workflow."));
        Assert.Equal(ApartmentStatus.Paid, (await fixture.Table.GetAsync("apt-payment-" + fixture.TableName))!.Status);

        async Task<(string What, int Total, double Seconds)> MeasureAsync(string what, bool paid)
        {
            var apartmentId = $"apt-{what}-{fixture.TableName}";
            var reservationId = $"r-{what}-{Guid.NewGuid():N}";
            await fixture.Table.AddAsync(apartmentId);
            var from = DateTime.UtcNow;
            await host.ReserveAsync(apartmentId, reservationId, paymentWindowSeconds: 3);
            if (paid)
            {
                await host.ConfirmPaymentAsync(reservationId);
            }

            await host.WaitForFinalStatusAsync(reservationId, DateTime.UtcNow + TimeSpan.FromSeconds(60));
            var to = DateTime.UtcNow;
            return (what, Count(from, to), (to - from).TotalSeconds);
        }
    }

    private int Count(DateTime from, DateTime to) => StorageRequestLog.Count(fixture.StorageRequestLog!, from, to);
}
