using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Booking.Core.Apartments;
using Booking.Testing;

namespace Booking.LocalHost.Tests;

/// <summary>The local host's sweeper service releases holds nobody will release.</summary>
[Collection(EmulatorsCollection.Name)]
public sealed class SweeperTests(Emulators emulators)
{
    [Fact]
    public async Task Running_host_releases_an_orphaned_hold_within_seconds_and_leaves_live_reservations_alone()
    {
        var environment = emulators.HostEnvironment();
        environment["Reservation__SweepInterval"] = "00:00:01";
        environment["Reservation__SweepGracePeriod"] = "00:00:00";
        await using var host = await LocalHostProcess.StartAsync(environment);
        var table = await Emulators.TableOf(environment, emulators.Dynalite);
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var (orphan, live, liveLookingStale) = ("orphan-" + suffix, "live-" + suffix, "stale-" + suffix);
        await WriteHoldAsync(environment, orphan, "gone-" + suffix, DateTime.UtcNow.AddMinutes(-1));
        await host.AddApartmentAsync(live);
        await host.AddApartmentAsync(liveLookingStale);
        await host.ReserveAsync(live, "r-" + live, paymentWindowSeconds: 600);
        await host.ReserveAsync(liveLookingStale, "r-" + liveLookingStale, paymentWindowSeconds: 600);

        // A live workflow's hold that looks expired in the table: only the workflow's liveness protects it.
        await WriteHoldAsync(environment, liveLookingStale, "r-" + liveLookingStale, DateTime.UtcNow.AddMinutes(-1));

        var released = await WaitUntilVacantAsync(table, orphan, DateTime.UtcNow + TimeSpan.FromSeconds(20));

        // Released in one sweep; a few more sweeps must still leave the live holds alone.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.True(released, $"The orphaned hold was not released.{Environment.NewLine}{host.Output}");
        Assert.Equal(("r-" + live, ApartmentStatus.Reserved), Holder(await table.GetAsync(live)));
        Assert.Equal(("r-" + liveLookingStale, ApartmentStatus.Reserved), Holder(await table.GetAsync(liveLookingStale)));
        Assert.Equal(BookingApi.PendingPayment, await host.ReservationStatusAsync("r-" + live));
        Assert.Equal(BookingApi.PendingPayment, await host.ReservationStatusAsync("r-" + liveLookingStale));
    }

    private static (string?, ApartmentStatus?) Holder(Apartment? apartment) => (apartment?.ReservationId, apartment?.Status);

    private async Task WriteHoldAsync(IReadOnlyDictionary<string, string?> environment, string apartmentId, string reservationId, DateTime reservedUntil)
    {
        using var client = emulators.Dynalite.CreateClient();
        await client.PutItemAsync(new PutItemRequest
        {
            TableName = environment["DynamoDb__TableName"],
            Item = new Dictionary<string, AttributeValue>
            {
                ["Id"] = new(apartmentId),
                ["status"] = new(ApartmentStatusNames.Reserved),
                ["reservationId"] = new(reservationId),
                ["reservedUntil"] = new(reservedUntil.ToString("O", CultureInfo.InvariantCulture)),
                ["updatedAt"] = new(DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture)),
            },
        });
    }

    private static async Task<bool> WaitUntilVacantAsync(DynamoDbApartmentStore table, string apartmentId, DateTime deadline)
    {
        while (DateTime.UtcNow < deadline)
        {
            if ((await table.GetAsync(apartmentId))?.Status == ApartmentStatus.Vacant)
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }
}
