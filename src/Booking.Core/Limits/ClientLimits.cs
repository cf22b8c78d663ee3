using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Booking.Core.Configuration;
using Booking.Core.Records;
using Microsoft.Extensions.Options;

namespace Booking.Core.Limits;

/// <summary>
/// The per-client limits, kept in DynamoDB so every instance of the app counts alike: a rate counter per client and
/// minute, and the set of reservations a client holds. Both are items of the reservations table whose ids contain
/// '#', which no reservation id may, and which carry none of the indexes' keys, so no list ever shows them. A hold
/// leaves the set when its reservation's record ends; should that step ever be lost, the next refusal checks the set's
/// reservations against their records and drops those that have ended, so a client is never locked out for good.
/// </summary>
public sealed class ClientLimits(IAmazonDynamoDB dynamoDb, IOptions<DynamoDbOptions> tables, IOptions<ReservationOptions> options, IReservationStore records, TimeProvider clock)
{
    private const string HoldsAttribute = "holds";
    private const string CountAttribute = "started";
    private const string ExpiresAttribute = "ttl";

    private readonly string tableName = tables.Value.ReservationsTableName;

    /// <summary>The item that holds a client's current reservations.</summary>
    public static string HoldsKey(string client) => "client#" + client;

    /// <summary>Counts a reservation <paramref name="client"/> starts and takes a hold for it; null when both limits
    /// allow it, otherwise which one refused (then no hold was taken).</summary>
    public async Task<ClientLimitRefusal?> TryStartAsync(string client, string reservationId, CancellationToken cancellationToken = default)
    {
        var limits = options.Value;
        if (limits.MaxReservationsPerClientPerMinute > 0 && !await CountStartAsync(client, limits.MaxReservationsPerClientPerMinute, cancellationToken))
        {
            return ClientLimitRefusal.TooManyReservations;
        }

        if (limits.MaxActiveHoldsPerClient > 0
            && !await TakeHoldAsync(client, reservationId, limits.MaxActiveHoldsPerClient, cancellationToken)
            && (!await DropEndedHoldsAsync(client, cancellationToken) || !await TakeHoldAsync(client, reservationId, limits.MaxActiveHoldsPerClient, cancellationToken)))
        {
            return ClientLimitRefusal.TooManyHolds;
        }

        return null;
    }

    /// <summary>Gives the hold back (a repeat of an id that started nothing, for instance); idempotent.</summary>
    public Task ReleaseAsync(string client, string reservationId, CancellationToken cancellationToken = default) =>
        ReleaseHoldAsync(dynamoDb, tableName, client, [reservationId], cancellationToken);

    /// <summary>Removes <paramref name="reservationIds"/> from <paramref name="client"/>'s holds, if it has any.</summary>
    internal static async Task ReleaseHoldAsync(IAmazonDynamoDB dynamoDb, string tableName, string client, List<string> reservationIds, CancellationToken cancellationToken)
    {
        try
        {
            await dynamoDb.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = tableName,
                    Key = new() { ["Id"] = new(HoldsKey(client)) },
                    UpdateExpression = "DELETE #holds :ids",
                    ConditionExpression = "attribute_exists(#holds)",
                    ExpressionAttributeNames = new() { ["#holds"] = HoldsAttribute },
                    ExpressionAttributeValues = new() { [":ids"] = new AttributeValue { SS = reservationIds } },
                },
                cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // Nothing held: nothing to give back.
        }
    }

    private async Task<bool> CountStartAsync(string client, int max, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var minute = now.UtcDateTime.ToString("yyyyMMddHHmm", System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            await dynamoDb.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = tableName,
                    Key = new() { ["Id"] = new($"rate#{client}#{minute}") },
                    UpdateExpression = "ADD #count :one SET #ttl = :ttl",
                    ConditionExpression = "attribute_not_exists(#count) OR #count < :max",
                    ExpressionAttributeNames = new() { ["#count"] = CountAttribute, ["#ttl"] = ExpiresAttribute },
                    ExpressionAttributeValues = new()
                    {
                        [":one"] = new() { N = "1" },
                        [":max"] = new() { N = max.ToString(System.Globalization.CultureInfo.InvariantCulture) },

                        // DynamoDB's time to live (when turned on for this attribute) deletes old counters.
                        [":ttl"] = new() { N = now.AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    },
                },
                cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private async Task<bool> TakeHoldAsync(string client, string reservationId, int max, CancellationToken cancellationToken)
    {
        try
        {
            await dynamoDb.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = tableName,
                    Key = new() { ["Id"] = new(HoldsKey(client)) },
                    UpdateExpression = "ADD #holds :id",
                    ConditionExpression = "attribute_not_exists(#holds) OR size(#holds) < :max OR contains(#holds, :rid)",
                    ExpressionAttributeNames = new() { ["#holds"] = HoldsAttribute },
                    ExpressionAttributeValues = new()
                    {
                        [":id"] = new() { SS = [reservationId] },
                        [":rid"] = new(reservationId),
                        [":max"] = new() { N = max.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    },
                },
                cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>Drops the holds whose reservation has ended (or never got a record); true when it dropped any.</summary>
    private async Task<bool> DropEndedHoldsAsync(string client, CancellationToken cancellationToken)
    {
        var item = (await dynamoDb.GetItemAsync(
            new GetItemRequest { TableName = tableName, Key = new() { ["Id"] = new(HoldsKey(client)) }, ConsistentRead = true },
            cancellationToken)).Item;
        var held = item is not null && item.TryGetValue(HoldsAttribute, out var holds) ? holds.SS ?? [] : [];
        var ended = new List<string>();
        foreach (var reservationId in held)
        {
            if (await records.GetAsync(reservationId, cancellationToken) is not { IsFinal: false })
            {
                ended.Add(reservationId);
            }
        }

        if (ended.Count > 0)
        {
            await ReleaseHoldAsync(dynamoDb, tableName, client, ended, cancellationToken);
        }

        return ended.Count > 0;
    }
}
