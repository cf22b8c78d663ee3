using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Booking.Core.Configuration;
using Booking.Core.Storage;
using Booking.Core.Telemetry;
using Booking.Core.Validation;
using Microsoft.Extensions.Options;

namespace Booking.Core.Apartments;

/// <summary>
/// The apartment table on DynamoDB (or a compatible server). Keeps the seed's shape: string key <c>Id</c> and
/// lowercase <c>status</c>. Failed conditions are told apart with a consistent read, because dynalite does not support
/// ReturnValuesOnConditionCheckFailure.
/// </summary>
public sealed class DynamoDbApartmentStore(IAmazonDynamoDB dynamoDb, IOptions<DynamoDbOptions> options, TimeProvider clock) : IApartmentStore
{
    private const string IdAttribute = "Id";
    private const string StatusAttribute = "status";
    private const string ReservationIdAttribute = "reservationId";
    private const string ReservedUntilAttribute = "reservedUntil";
    private const string UpdatedAtAttribute = "updatedAt";

    private readonly string tableName = options.Value.TableName;

    public Task EnsureTableAsync(CancellationToken cancellationToken = default) =>
        DynamoDbTables.EnsureAsync(
            dynamoDb,
            new CreateTableRequest
            {
                TableName = tableName,
                AttributeDefinitions = [new AttributeDefinition(IdAttribute, ScalarAttributeType.S)],
                KeySchema = [new KeySchemaElement(IdAttribute, KeyType.HASH)],
                BillingMode = BillingMode.PAY_PER_REQUEST,
            },
            cancellationToken);

    public async Task<bool> AddAsync(string apartmentId, CancellationToken cancellationToken = default)
    {
        InputRules.RequireApartmentId(apartmentId, "id");
        try
        {
            await dynamoDb.PutItemAsync(
                new PutItemRequest
                {
                    TableName = tableName,
                    Item = new Dictionary<string, AttributeValue>
                    {
                        [IdAttribute] = new(apartmentId),
                        [StatusAttribute] = new(ApartmentStatusNames.Vacant),
                        [UpdatedAtAttribute] = new(StoredTime.Format(clock.GetUtcNow())),
                    },
                    ConditionExpression = "attribute_not_exists(#id)",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#id"] = IdAttribute },
                },
                cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public async Task<Apartment?> GetAsync(string apartmentId, CancellationToken cancellationToken = default)
    {
        InputRules.RequireApartmentId(apartmentId, "id");
        using var span = StartSpan("GetItem", apartmentId, reservationId: null);
        var response = await dynamoDb.GetItemAsync(
            new GetItemRequest
            {
                TableName = tableName,
                Key = KeyOf(apartmentId),
                ConsistentRead = true,
            },
            cancellationToken);
        return response.Item is { Count: > 0 } item ? ToApartment(item) : null;
    }

    public async Task<ApartmentPage> ListAsync(int pageSize, string? pageToken = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var response = await dynamoDb.ScanAsync(
            new ScanRequest
            {
                TableName = tableName,
                Limit = pageSize,
                ConsistentRead = true,
                ExclusiveStartKey = pageToken is null ? null : KeyOf(pageToken),
            },
            cancellationToken);
        var items = (response.Items ?? []).Select(ToApartment).ToList();
        var next = response.LastEvaluatedKey is { Count: > 0 } last ? last[IdAttribute].S : null;
        return new ApartmentPage(items, next);
    }

    public Task<TransitionResult> ReserveAsync(string apartmentId, string reservationId, DateTimeOffset reservedUntil, CancellationToken cancellationToken = default)
    {
        InputRules.RequireApartmentId(apartmentId);
        InputRules.RequireReservationId(reservationId);
        return UpdateConditionallyAsync(
            apartmentId,
            reservationId,
            "SET #status = :reserved, #rid = :rid, #until = :until, #updated = :now",
            "attribute_exists(#id) AND (#status = :vacant OR (#status = :reserved AND #rid = :rid))",
            new Dictionary<string, AttributeValue>
            {
                [":reserved"] = new(ApartmentStatusNames.Reserved),
                [":vacant"] = new(ApartmentStatusNames.Vacant),
                [":rid"] = new(reservationId),
                [":until"] = new(StoredTime.Format(reservedUntil)),
            },
            refusal: apartment => apartment is null ? TransitionOutcome.NotFound : TransitionOutcome.NotVacant,
            cancellationToken);
    }

    public Task<TransitionResult> ConfirmPaymentAsync(string apartmentId, string reservationId, CancellationToken cancellationToken = default)
    {
        InputRules.RequireApartmentId(apartmentId);
        InputRules.RequireReservationId(reservationId);
        return UpdateConditionallyAsync(
            apartmentId,
            reservationId,
            "SET #status = :paid, #updated = :now REMOVE #until",
            "attribute_exists(#id) AND #status IN (:reserved, :paid) AND #rid = :rid",
            new Dictionary<string, AttributeValue>
            {
                [":reserved"] = new(ApartmentStatusNames.Reserved),
                [":paid"] = new(ApartmentStatusNames.Paid),
                [":rid"] = new(reservationId),
            },
            refusal: apartment => apartment is null ? TransitionOutcome.NotFound : TransitionOutcome.NotHolder,
            cancellationToken);
    }

    public Task<TransitionResult> ReleaseAsync(string apartmentId, string reservationId, CancellationToken cancellationToken = default)
    {
        InputRules.RequireApartmentId(apartmentId);
        InputRules.RequireReservationId(reservationId);
        return UpdateConditionallyAsync(
            apartmentId,
            reservationId,
            "SET #status = :vacant, #updated = :now REMOVE #rid, #until",
            "attribute_exists(#id) AND #status = :reserved AND #rid = :rid",
            new Dictionary<string, AttributeValue>
            {
                [":reserved"] = new(ApartmentStatusNames.Reserved),
                [":vacant"] = new(ApartmentStatusNames.Vacant),
                [":rid"] = new(reservationId),
            },
            refusal: apartment => apartment is null ? TransitionOutcome.NotFound : TransitionOutcome.NotHolder,
            cancellationToken);
    }

    public Task<TransitionResult> CheckOutAsync(string apartmentId, string reservationId, CancellationToken cancellationToken = default)
    {
        InputRules.RequireApartmentId(apartmentId);
        InputRules.RequireReservationId(reservationId);
        return UpdateConditionallyAsync(
            apartmentId,
            reservationId,
            "SET #status = :vacant, #updated = :now REMOVE #rid, #until",
            "attribute_exists(#id) AND #status = :paid AND #rid = :rid",
            new Dictionary<string, AttributeValue>
            {
                [":paid"] = new(ApartmentStatusNames.Paid),
                [":vacant"] = new(ApartmentStatusNames.Vacant),
                [":rid"] = new(reservationId),
            },
            refusal: apartment => apartment is null ? TransitionOutcome.NotFound : TransitionOutcome.NotHolder,
            cancellationToken);
    }

    public Task<TransitionResult> ReleaseExpiredHoldAsync(string apartmentId, string reservationId, DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        InputRules.RequireApartmentId(apartmentId);
        InputRules.RequireReservationId(reservationId);

        // Times are stored as fixed-width ISO-8601 UTC strings, so string order is time order.
        return UpdateConditionallyAsync(
            apartmentId,
            reservationId,
            "SET #status = :vacant, #updated = :now REMOVE #rid, #until",
            "attribute_exists(#id) AND #status = :reserved AND #rid = :rid AND #until < :cutoff",
            new Dictionary<string, AttributeValue>
            {
                [":reserved"] = new(ApartmentStatusNames.Reserved),
                [":vacant"] = new(ApartmentStatusNames.Vacant),
                [":rid"] = new(reservationId),
                [":cutoff"] = new(StoredTime.Format(cutoff)),
            },
            refusal: apartment => apartment is null ? TransitionOutcome.NotFound : TransitionOutcome.NotHolder,
            cancellationToken);
    }

    public async Task<TransitionResult> RetireAsync(string apartmentId, CancellationToken cancellationToken = default)
    {
        InputRules.RequireApartmentId(apartmentId);
        using var span = StartSpan("DeleteItem", apartmentId, reservationId: null);
        try
        {
            var response = await dynamoDb.DeleteItemAsync(
                new DeleteItemRequest
                {
                    TableName = tableName,
                    Key = KeyOf(apartmentId),
                    ConditionExpression = "#status = :vacant",
                    ExpressionAttributeNames = new() { ["#status"] = StatusAttribute },
                    ExpressionAttributeValues = new() { [":vacant"] = new(ApartmentStatusNames.Vacant) },
                    ReturnValues = ReturnValue.ALL_OLD,
                },
                cancellationToken);
            return new TransitionResult(TransitionOutcome.Applied, ToApartment(response.Attributes));
        }
        catch (ConditionalCheckFailedException)
        {
            var current = await GetAsync(apartmentId, cancellationToken);
            return new TransitionResult(current is null ? TransitionOutcome.NotFound : TransitionOutcome.NotVacant, current);
        }
    }

    private async Task<TransitionResult> UpdateConditionallyAsync(
        string apartmentId,
        string reservationId,
        string updateExpression,
        string conditionExpression,
        Dictionary<string, AttributeValue> values,
        Func<Apartment?, TransitionOutcome> refusal,
        CancellationToken cancellationToken)
    {
        values[":now"] = new(StoredTime.Format(clock.GetUtcNow()));
        using var span = StartSpan("UpdateItem", apartmentId, reservationId);
        try
        {
            var response = await dynamoDb.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = tableName,
                    Key = KeyOf(apartmentId),
                    UpdateExpression = updateExpression,
                    ConditionExpression = conditionExpression,
                    ExpressionAttributeNames = AttributeNamesUsedBy(updateExpression + " " + conditionExpression),
                    ExpressionAttributeValues = values.Where(v => (updateExpression + " " + conditionExpression).Contains(v.Key, StringComparison.Ordinal)).ToDictionary(),
                    ReturnValues = ReturnValue.ALL_NEW,
                },
                cancellationToken);
            span?.SetTag(BookingTelemetry.OutcomeTag, nameof(TransitionOutcome.Applied));
            return new TransitionResult(TransitionOutcome.Applied, ToApartment(response.Attributes));
        }
        catch (ConditionalCheckFailedException)
        {
            var current = await GetAsync(apartmentId, cancellationToken);
            var outcome = refusal(current);
            span?.SetTag(BookingTelemetry.OutcomeTag, outcome.ToString());
            return new TransitionResult(outcome, current);
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }

    private Activity? StartSpan(string operation, string apartmentId, string? reservationId) => DynamoDbSpans.Start(operation, tableName, apartmentId, reservationId);

    // DynamoDB rejects names and values that an expression does not use, so pass only those it mentions.
    private static Dictionary<string, string> AttributeNamesUsedBy(string expression)
    {
        var all = new Dictionary<string, string>
        {
            ["#id"] = IdAttribute,
            ["#status"] = StatusAttribute,
            ["#rid"] = ReservationIdAttribute,
            ["#until"] = ReservedUntilAttribute,
            ["#updated"] = UpdatedAtAttribute,
        };
        return all.Where(n => expression.Contains(n.Key, StringComparison.Ordinal)).ToDictionary();
    }

    private static Dictionary<string, AttributeValue> KeyOf(string apartmentId) => new() { [IdAttribute] = new(apartmentId) };

    private static Apartment ToApartment(Dictionary<string, AttributeValue> item)
    {
        var id = item[IdAttribute].S;
        var stored = item.TryGetValue(StatusAttribute, out var s) ? s.S : null;
        if (!ApartmentStatusNames.TryParse(stored, out var status))
        {
            throw new InvalidDataException($"Apartment '{id}' has an unknown status '{stored}' in the table.");
        }

        return new Apartment(
            id,
            status,
            item.TryGetValue(ReservationIdAttribute, out var rid) ? rid.S : null,
            item.TryGetValue(ReservedUntilAttribute, out var until) ? StoredTime.Parse(until.S) : null,
            item.TryGetValue(UpdatedAtAttribute, out var updated) ? StoredTime.Parse(updated.S) : null);
    }
}
