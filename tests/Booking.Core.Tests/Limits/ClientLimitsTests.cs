using Booking.Core.Configuration;
using Booking.Core.Limits;
using Booking.Core.Records;
using Booking.Core.Reservations;
using Booking.Testing;
using Microsoft.Extensions.Options;

namespace Booking.Core.Tests.Limits;

/// <summary>The per-client limits against a real dynalite; each test gets its own tables.</summary>
public sealed class ClientLimitsTests(DynaliteProcess dynalite) : IClassFixture<DynaliteProcess>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task A_client_takes_at_most_its_holds_and_an_ended_reservation_gives_its_hold_back()
    {
        var (limits, records) = await NewAsync(holds: 2, perMinute: 0);

        var first = await StartAsync(limits, records, "c1", "r1");
        var second = await StartAsync(limits, records, "c1", "r2");
        var third = await StartAsync(limits, records, "c1", "r3");
        var otherClient = await StartAsync(limits, records, "c2", "r4");
        await records.EndAsync("r1", "a-r1", new ReservationDecision(ReservationStatus.Cancelled));
        var afterEnding = await StartAsync(limits, records, "c1", "r5");

        Assert.Equal([null, null, ClientLimitRefusal.TooManyHolds, null, null], new[] { first, second, third, otherClient, afterEnding });
    }

    [Fact]
    public async Task A_hold_whose_reservation_ended_without_giving_it_back_is_dropped_when_the_client_is_refused()
    {
        var (limits, records) = await NewAsync(holds: 1, perMinute: 0);
        await StartAsync(limits, records, "c1", "r1");

        // As if the ending had been written but the step that gives the hold back had been lost.
        await EndBehindTheStoresBackAsync(records, "r1");
        var next = await StartAsync(limits, records, "c1", "r2");
        var after = await StartAsync(limits, records, "c1", "r3");

        Assert.Null(next);
        Assert.Equal(ClientLimitRefusal.TooManyHolds, after);
    }

    [Fact]
    public async Task A_client_starts_at_most_its_reservations_per_minute()
    {
        var (limits, records) = await NewAsync(holds: 0, perMinute: 3);

        var answers = new List<ClientLimitRefusal?>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await StartAsync(limits, records, "c1", $"r{i}"));
        }

        Assert.Equal([null, null, null, ClientLimitRefusal.TooManyReservations, ClientLimitRefusal.TooManyReservations], answers);
        Assert.Null(await StartAsync(limits, records, "c2", "other"));
    }

    /// <summary>Takes the limits for a reservation and, when allowed, claims its record as the API does.</summary>
    private static async Task<ClientLimitRefusal?> StartAsync(ClientLimits limits, DynamoDbReservationStore records, string client, string reservationId)
    {
        var refusal = await limits.TryStartAsync(client, reservationId);
        if (refusal is null)
        {
            await records.CreateAsync(new ReservationRecord(reservationId, "a-" + reservationId, ReservationStatus.Requested, Now, Now.AddMinutes(15), ClientId: client));
        }

        return refusal;
    }

    /// <summary>Writes EXPIRED into a record directly, without the store's give-back of the client's hold.</summary>
    private async Task EndBehindTheStoresBackAsync(DynamoDbReservationStore records, string reservationId)
    {
        using var client = dynalite.CreateClient();
        await client.UpdateItemAsync(new Amazon.DynamoDBv2.Model.UpdateItemRequest
        {
            TableName = DynaliteProcess.ReservationsTableFor(TableOf(records)),
            Key = new() { ["Id"] = new(reservationId) },
            UpdateExpression = "SET #s = :expired",
            ExpressionAttributeNames = new() { ["#s"] = "status" },
            ExpressionAttributeValues = new() { [":expired"] = new("EXPIRED") },
        });
    }

    private readonly Dictionary<DynamoDbReservationStore, string> tables = [];

    private string TableOf(DynamoDbReservationStore records) => tables[records];

    private async Task<(ClientLimits Limits, DynamoDbReservationStore Records)> NewAsync(int holds, int perMinute)
    {
        var table = "t" + Guid.NewGuid().ToString("N");
        await dynalite.CreateStoreAsync(table);
        var records = dynalite.RecordsOf(table);
        tables[records] = table;
        var options = Options.Create(new ReservationOptions { MaxActiveHoldsPerClient = holds, MaxReservationsPerClientPerMinute = perMinute });
        return (new ClientLimits(dynalite.CreateClient(), Options.Create(dynalite.OptionsFor(table)), options, records, TimeProvider.System), records);
    }
}
