using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Booking.Core.Configuration;
using Booking.Core.Limits;
using Booking.Core.Reservations;
using Booking.Core.Storage;
using Booking.Core.Telemetry;
using Microsoft.Extensions.Options;
using static Booking.Core.Records.ReservationItems;

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
    // A filtered list reads at most this many records for one page, so a rare status costs a bounded read; the page
    // then comes back short, with a nextToken that resumes where the reading stopped.
    private const int MaxRecordsReadPerPage = 1000;

    private readonly string tableName = options.Value.ReservationsTableName;

    public Task EnsureTableAsync(CancellationToken cancellationToken = default) =>
        DynamoDbTables.EnsureAsync(dynamoDb, TableDefinition(tableName), cancellationToken);

    public async Task<bool> CreateAsync(ReservationRecord record, CancellationToken cancellationToken = default)
    {
        using var span = StartSpan("PutItem", record.ApartmentId, record.Id);
        var item = ItemOf(record, clock.GetUtcNow());
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

    private Activity? StartSpan(string operation, string? apartmentId, string? reservationId) => DynamoDbSpans.Start(operation, tableName, apartmentId, reservationId);
}
