using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Booking.Core.Reservations;
using Booking.Core.Storage;

namespace Booking.Core.Records;

/// <summary>
/// How a reservation record is laid out in DynamoDB: its attributes, the table and its three indexes, and the
/// conversions between a <see cref="ReservationRecord"/> and an item. <see cref="DynamoDbReservationStore"/> does the
/// reading and writing.
/// </summary>
internal static class ReservationItems
{
    internal const string ByApartmentIndex = "byApartment";
    internal const string ByCreationIndex = "byCreation";
    internal const string ByOpenHoldIndex = "byOpenHold";

    internal const string IdAttribute = "Id";
    internal const string ApartmentIdAttribute = "apartmentId";
    internal const string StatusAttribute = "status";
    internal const string CreatedAtAttribute = "createdAt";
    internal const string ExpiresAtAttribute = "expiresAt";
    internal const string EndedAtAttribute = "endedAt";
    internal const string UpdatedAtAttribute = "updatedAt";
    internal const string ErrorCodeAttribute = "errorCode";
    internal const string ErrorMessageAttribute = "errorMessage";
    internal const string TokenHashAttribute = "tokenHash";
    internal const string ArnAttribute = "arn";
    internal const string ClientIdAttribute = "clientId";
    internal const string PaymentEventsAttribute = "paymentEvents";
    internal const string ListKeyAttribute = "listKey";
    internal const string OpenKeyAttribute = "openKey";
    internal const string HoldUntilAttribute = "holdUntil";

    // The one value of the partition keys that put every record in byCreation and every open one in byOpenHold.
    internal const string AllRecords = "all";
    internal const string Open = "open";

    internal static readonly Dictionary<string, string> Names = new()
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

    /// <summary>The table with its key and indexes; <c>docs/deploy.md</c> creates the same with the AWS CLI.</summary>
    internal static CreateTableRequest TableDefinition(string tableName) => new()
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
    };

    /// <summary>A new record as an item: listable, and open (in the sweeper's index) until it ends.</summary>
    internal static Dictionary<string, AttributeValue> ItemOf(ReservationRecord record, DateTimeOffset now)
    {
    var item = new Dictionary<string, AttributeValue>
    {
        [IdAttribute] = new(record.Id),
        [ApartmentIdAttribute] = new(record.ApartmentId),
        [StatusAttribute] = new(record.Status.ToStoredValue()),
        [CreatedAtAttribute] = new(StoredTime.Format(record.CreatedAt)),
        [UpdatedAtAttribute] = new(StoredTime.Format(now)),
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

        return item;
    }

    internal static GlobalSecondaryIndex Index(string name, string partition, string sort, ProjectionType projection) => new()
    {
        IndexName = name,
        KeySchema = [new KeySchemaElement(partition, KeyType.HASH), new KeySchemaElement(sort, KeyType.RANGE)],
        Projection = new Projection { ProjectionType = projection },
    };

    internal static void Add(Dictionary<string, AttributeValue> item, string name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            item[name] = new(StoredTime.Format(value));
        }
    }

    internal static void Add(Dictionary<string, AttributeValue> item, string name, string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            item[name] = new(text);
        }
    }

    internal static ReservationListPosition? PositionOf(Dictionary<string, AttributeValue> key) =>
        StoredTime.Parse(key[CreatedAtAttribute].S) is { } created ? new ReservationListPosition(key[IdAttribute].S, created) : null;

    internal static Dictionary<string, AttributeValue> KeyOf(string reservationId) => new() { [IdAttribute] = new(reservationId) };

    internal static ReservationRecord ToRecord(Dictionary<string, AttributeValue> item)
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

    internal static string? Text(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;
}
