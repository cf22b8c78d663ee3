using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Booking.Core.Configuration;
using Booking.Core.Limits;
using Booking.Core.Reservations;
using Booking.Core.Storage;
using Booking.Core.Telemetry;
using Microsoft.Extensions.Options;

namespace Booking.Core.Records;

/// <summary>
/// The reservation records on DynamoDB. Three global secondary indexes make every list one query of one page:
/// <c>byApartment</c> (an apartment's, newest first), <c>byCreation</c> (all, newest first: every record carries the
/// same <c>listKey</c>) and <c>byOpenHold</c> (sparse: only records not ended yet carry <c>openKey</c> and
/// <c>holdUntil</c>, so the sweeper reads just the holds past their deadline). Status changes are conditional on the
/// status before, so a retried or late write never moves a reservation backwards.
/// </summary>
public sealed class DynamoDbReservationStore(IAmazonDynamoDB dynamoDb, IOptions<DynamoDbOptions> options, TimeProvider clock) : IReservationStore
{
    public const string ByApartmentIndex = "byApartment";
    public const string ByCreationIndex = "byCreation";
    public const string ByOpenHoldIndex = "byOpenHold";

    private const string IdAttribute = "Id";
    private const string ApartmentIdAttribute = "apartmentId";
    private const string StatusAttribute = "status";
    private const string CreatedAtAttribute = "createdAt";
    private const string ExpiresAtAttribute = "expiresAt";
    private const string EndedAtAttribute = "endedAt";
    private const string UpdatedAtAttribute = "updatedAt";
    private const string ErrorCodeAttribute = "errorCode";
    private const string ErrorMessageAttribute = "errorMessage";
    private const string TokenHashAttribute = "tokenHash";
    private const string ArnAttribute = "arn";
    private const string ClientIdAttribute = "clientId";
    private const string PaymentEventsAttribute = "paymentEvents";
    private const string ListKeyAttribute = "listKey";
    private const string OpenKeyAttribute = "openKey";
    private const string HoldUntilAttribute = "holdUntil";

    // The one value of the partition keys that put every record in byCreation and every open one in byOpenHold.
    private const string AllRecords = "all";
    private const string Open = "open";

    // A filtered list reads at most this many records for one page, so a rare status costs a bounded read; the page
    // then comes back short, with a nextToken that resumes where the reading stopped.
    private const int MaxRecordsReadPerPage = 1000;

    private static readonly Dictionary<string, string> Names = new()
    {
        ["#id"] = IdAttribute,
        ["#apartment"] = ApartmentIdAttribute,
        ["#status"] = StatusAttribute,
        ["#created"] = CreatedAtAttribute,
        ["#expires"] = ExpiresAtAttribute,
        ["#ended"] = EndedAtAttribute,
        ["#updated"] = UpdatedAtAttribute,
        ["#code"] = ErrorCodeAttribute,
        ["#message"] = ErrorMessageAttribute,
        ["#list"] = ListKeyAttribute,
        ["#open"] = OpenKeyAttribute,
        ["#holdUntil"] = HoldUntilAttribute,
    };

    private readonly string tableName = options.Value.ReservationsTableName;

    public Task EnsureTableAsync(CancellationToken cancellationToken = default) =>
        DynamoDbTables.EnsureAsync(
            dynamoDb,
            new CreateTableRequest
            {
                TableName = tableName,
                AttributeDefinitions =
                [
                    new AttributeDefinition(IdAttribute, ScalarAttributeType.S),
                    new AttributeDefinition(ApartmentIdAttribute, ScalarAttributeType.S),
                    new AttributeDefinition(CreatedAtAttribute, ScalarAttributeType.S),
                    new AttributeDefinition(ListKeyAttribute, ScalarAttributeType.S),
                    new AttributeDefinition(OpenKeyAttribute, ScalarAttributeType.S),
                    new AttributeDefinition(HoldUntilAttribute, ScalarAttributeType.S),
                ],
                KeySchema = [new KeySchemaElement(IdAttribute, KeyType.HASH)],
                GlobalSecondaryIndexes =
                [
                    Index(ByApartmentIndex, ApartmentIdAttribute, CreatedAtAttribute, ProjectionType.ALL),
                    Index(ByCreationIndex, ListKeyAttribute, CreatedAtAttribute, ProjectionType.ALL),
                    Index(ByOpenHoldIndex, OpenKeyAttribute, HoldUntilAttribute, ProjectionType.KEYS_ONLY),
                ],
                BillingMode = BillingMode.PAY_PER_REQUEST,
            },
            cancellationToken);

    public async Task<bool> CreateAsync(ReservationRecord record, CancellationToken cancellationToken = default)
    {
        using var span = StartSpan("PutItem", record.ApartmentId, record.Id);
        var item = new Dictionary<string, AttributeValue>
        {
            [IdAttribute] = new(record.Id),
            [ApartmentIdAttribute] = new(record.ApartmentId),
            [StatusAttribute] = new(record.Status.ToStoredValue()),
            [CreatedAtAttribute] = new(StoredTime.Format(record.CreatedAt)),
            [UpdatedAtAttribute] = new(StoredTime.Format(clock.GetUtcNow())),
            [ListKeyAttribute] = new(AllRecords),
        };
        Add(item, ExpiresAtAttribute, record.ExpiresAt);
        Add(item, EndedAtAttribute, record.EndedAt);
        Add(item, ErrorCodeAttribute, record.ErrorCode?.ToString());
        Add(item, ErrorMessageAttribute, record.ErrorMessage);
        Add(item, TokenHashAttribute, record.TokenHash);
        Add(item, ArnAttribute, record.Arn);
        Add(item, ClientIdAttribute, record.ClientId);
        if (!record.IsFinal)
        {
            item[OpenKeyAttribute] = new(Open);
            item[HoldUntilAttribute] = new(StoredTime.Format(record.ExpiresAt ?? record.CreatedAt));
        }

        try
        {
            await dynamoDb.PutItemAsync(
                new PutItemRequest
                {
                    TableName = tableName,
                    Item = item,
                    ConditionExpression = "attribute_not_exists(#id)",
                    ExpressionAttributeNames = new() { ["#id"] = IdAttribute },
                },
                cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public async Task<ReservationRecord?> GetAsync(string reservationId, CancellationToken cancellationToken = default)
    {
        using var span = StartSpan("GetItem", apartmentId: null, reservationId);
        var response = await dynamoDb.GetItemAsync(
            new GetItemRequest { TableName = tableName, Key = KeyOf(reservationId), ConsistentRead = true },
            cancellationToken);
        return response.Item is { Count: > 0 } item ? ToRecord(item) : null;
    }

    public async Task<ReservationRecord> HoldAsync(string reservationId, string apartmentId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        (await UpdateUnlessEndedAsync(
            reservationId,
            apartmentId,
            "SET #status = :status, #expires = :expires, #holdUntil = :expires, #open = :open",
            new()
            {
                [":status"] = new(ReservationStatus.PendingPayment.ToStoredValue()),
                [":expires"] = new(StoredTime.Format(expiresAt)),
                [":open"] = new(Open),
            },
            cancellationToken)).Record;

    public async Task<ReservationRecord> EndAsync(string reservationId, string apartmentId, ReservationDecision ending, CancellationToken cancellationToken = default)
    {
        if (!ending.IsFinal)
        {
            throw new ArgumentException($"{ending.Status} is not a final status.", nameof(ending));
        }

        var set = "SET #status = :status, #ended = :now";
        var remove = new List<string> { "#open", "#holdUntil" };
        var values = new Dictionary<string, AttributeValue> { [":status"] = new(ending.Status.ToStoredValue()) };
        if (ending.ErrorCode is { } code)
        {
            set += ", #code = :code, #message = :message";
            values[":code"] = new(code.ToString());
            values[":message"] = new(ending.ErrorMessage ?? code.ToString());
        }
        else
        {
            remove.AddRange(["#code", "#message"]);
        }

        // A reservation that never held the apartment has no deadline to show.
        if (ending.Status is ReservationStatus.Rejected or ReservationStatus.Failed)
        {
            remove.Add("#expires");
        }

        var (ended, applied) = await UpdateUnlessEndedAsync(reservationId, apartmentId, $"{set} REMOVE {string.Join(", ", remove)}", values, cancellationToken);
        if (applied)
        {
            BookingMetrics.RecordEnded(ended.Status, ended.ErrorCode, ended.ExpiresAt, ended.EndedAt ?? clock.GetUtcNow());
        }

        // An ended reservation no longer counts against its client's holds.
        if (ended.ClientId is { } client)
        {
            await ClientLimits.ReleaseHoldAsync(dynamoDb, tableName, client, [reservationId], cancellationToken);
        }

        return ended;
    }

    public async Task AddPaymentEventAsync(string reservationId, string eventId, CancellationToken cancellationToken = default)
    {
        using var span = StartSpan("UpdateItem", apartmentId: null, reservationId);
        try
        {
            await dynamoDb.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = tableName,
                    Key = KeyOf(reservationId),
                    UpdateExpression = "ADD #events :event",
                    ConditionExpression = "attribute_exists(#id)",
                    ExpressionAttributeNames = new() { ["#events"] = PaymentEventsAttribute, ["#id"] = IdAttribute },
                    ExpressionAttributeValues = new() { [":event"] = new AttributeValue { SS = [eventId] } },
                },
                cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // No such reservation: nothing to note it on.
        }
    }

    public async Task<ReservationRecordPage> ListAsync(ReservationListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.First, 1);
        var (index, partitionAttribute, partition) = query.ApartmentId is { } apartmentId
            ? (ByApartmentIndex, ApartmentIdAttribute, apartmentId)
            : (ByCreationIndex, ListKeyAttribute, AllRecords);
        var request = new QueryRequest
        {
            TableName = tableName,
            IndexName = index,
            KeyConditionExpression = "#pk = :pk",
            ExpressionAttributeNames = new() { ["#pk"] = partitionAttribute },
            ExpressionAttributeValues = new() { [":pk"] = new(partition) },
            ScanIndexForward = false,
            ExclusiveStartKey = query.After is { } after
                ? new()
                {
                    [IdAttribute] = new(after.Id),
                    [CreatedAtAttribute] = new(StoredTime.Format(after.CreatedAt)),
                    [partitionAttribute] = new(partition),
                }
                : null,
        };
        if (query.Status is { } status)
        {
            request.FilterExpression = "#status = :status";
            request.ExpressionAttributeNames["#status"] = StatusAttribute;
            request.ExpressionAttributeValues[":status"] = new(status.ToStoredValue());
        }

        // One more than the page, to tell whether another page follows; a Limit counts records read, not kept, so a
        // filtered page reads on, within its budget.
        using var span = StartSpan("Query", query.ApartmentId, reservationId: null);
        var kept = new List<ReservationRecord>();
        var read = 0;
        do
        {
            request.Limit = Math.Min(query.First + 1 - kept.Count, MaxRecordsReadPerPage - read);
            var response = await dynamoDb.QueryAsync(request, cancellationToken);
            kept.AddRange((response.Items ?? []).Select(ToRecord));
            read += response.ScannedCount ?? 0;
            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null && kept.Count <= query.First && read < MaxRecordsReadPerPage);

        if (kept.Count > query.First)
        {
            kept.RemoveRange(query.First, kept.Count - query.First);
            return new ReservationRecordPage(kept, new ReservationListPosition(kept[^1].Id, kept[^1].CreatedAt));
        }

        return new ReservationRecordPage(kept, request.ExclusiveStartKey is { } stoppedAt ? PositionOf(stoppedAt) : null);
    }

    public async Task<IReadOnlyList<string>> ListOpenBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var response = await dynamoDb.QueryAsync(
            new QueryRequest
            {
                TableName = tableName,
                IndexName = ByOpenHoldIndex,
                KeyConditionExpression = "#open = :open AND #holdUntil < :cutoff",
                ExpressionAttributeNames = new() { ["#open"] = OpenKeyAttribute, ["#holdUntil"] = HoldUntilAttribute },
                ExpressionAttributeValues = new() { [":open"] = new(Open), [":cutoff"] = new(StoredTime.Format(cutoff)) },
                Limit = limit,
            },
            cancellationToken);
        return [.. (response.Items ?? []).Select(item => item[IdAttribute].S)];
    }

    /// <summary>
    /// Applies <paramref name="update"/> unless the record has ended; a missing record is created by it (a workflow
    /// started before its record existed still leaves one). Every write also sets what makes the record listable.
    /// </summary>
    /// <summary>The update, unless the record has ended; the record as it stands afterwards, and whether this write
    /// changed it.</summary>
    private async Task<(ReservationRecord Record, bool Applied)> UpdateUnlessEndedAsync(
        string reservationId,
        string apartmentId,
        string update,
        Dictionary<string, AttributeValue> values,
        CancellationToken cancellationToken)
    {
        var (set, remove) = update.IndexOf(" REMOVE ", StringComparison.Ordinal) is var at and >= 0
            ? (update[..at], update[at..])
            : (update, string.Empty);
        var expression = $"{set}, #apartment = :apartment, #list = :list, #updated = :now, #created = if_not_exists(#created, :now){remove}";
        const string condition = "attribute_not_exists(#id) OR #status IN (:requested, :pending)";
        values[":apartment"] = new(apartmentId);
        values[":list"] = new(AllRecords);
        values[":now"] = new(StoredTime.Format(clock.GetUtcNow()));
        values[":requested"] = new(ReservationStatus.Requested.ToStoredValue());
        values[":pending"] = new(ReservationStatus.PendingPayment.ToStoredValue());

        using var span = StartSpan("UpdateItem", apartmentId, reservationId);
        try
        {
            var response = await dynamoDb.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = tableName,
                    Key = KeyOf(reservationId),
                    UpdateExpression = expression,
                    ConditionExpression = condition,
                    ExpressionAttributeNames = Names.Where(n => (expression + condition).Contains(n.Key, StringComparison.Ordinal)).ToDictionary(),
                    ExpressionAttributeValues = values,
                    ReturnValues = ReturnValue.ALL_NEW,
                },
                cancellationToken);
            span?.SetTag(BookingTelemetry.OutcomeTag, "Applied");
            return (ToRecord(response.Attributes), true);
        }
        catch (ConditionalCheckFailedException)
        {
            // Ended already (a retry of a step that wrote it, or the sweeper): that status stays, and is the answer.
            span?.SetTag(BookingTelemetry.OutcomeTag, "AlreadyEnded");
            var current = await GetAsync(reservationId, cancellationToken)
                ?? throw new InvalidOperationException($"Reservation '{reservationId}' failed its condition but has no record.");
            return (current, false);
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }

    private static GlobalSecondaryIndex Index(string name, string partition, string sort, ProjectionType projection) => new()
    {
        IndexName = name,
        KeySchema = [new KeySchemaElement(partition, KeyType.HASH), new KeySchemaElement(sort, KeyType.RANGE)],
        Projection = new Projection { ProjectionType = projection },
    };

    private static void Add(Dictionary<string, AttributeValue> item, string name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            item[name] = new(StoredTime.Format(value));
        }
    }

    private static void Add(Dictionary<string, AttributeValue> item, string name, string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            item[name] = new(text);
        }
    }

    private static ReservationListPosition? PositionOf(Dictionary<string, AttributeValue> key) =>
        StoredTime.Parse(key[CreatedAtAttribute].S) is { } created ? new ReservationListPosition(key[IdAttribute].S, created) : null;

    private static Dictionary<string, AttributeValue> KeyOf(string reservationId) => new() { [IdAttribute] = new(reservationId) };

    private static ReservationRecord ToRecord(Dictionary<string, AttributeValue> item)
    {
        var id = item[IdAttribute].S;
        var stored = Text(item, StatusAttribute);
        if (!ReservationStatusNames.TryParse(stored, out var status))
        {
            throw new InvalidDataException($"Reservation '{id}' has an unknown status '{stored}' in its record.");
        }

        return new ReservationRecord(
            id,
            Text(item, ApartmentIdAttribute) ?? string.Empty,
            status,
            StoredTime.Parse(Text(item, CreatedAtAttribute)) ?? DateTimeOffset.UnixEpoch,
            StoredTime.Parse(Text(item, ExpiresAtAttribute)),
            Enum.TryParse<ReservationErrorCode>(Text(item, ErrorCodeAttribute), out var code) ? code : null,
            Text(item, ErrorMessageAttribute),
            Text(item, TokenHashAttribute),
            Text(item, ArnAttribute),
            StoredTime.Parse(Text(item, EndedAtAttribute)),
            Text(item, ClientIdAttribute),
            item.TryGetValue(PaymentEventsAttribute, out var events) ? events.SS : null);
    }

    private static string? Text(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;

    private Activity? StartSpan(string operation, string? apartmentId, string? reservationId) => DynamoDbSpans.Start(operation, tableName, apartmentId, reservationId);
}
