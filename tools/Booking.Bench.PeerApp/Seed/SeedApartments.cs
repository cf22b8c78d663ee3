using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Booking.Bench.PeerApp.Seed;

/// <summary>The seed's DynamoDB calls, on the table the bench gives it, as its Task states make them: no retries, an
/// UpdateItem guarded by <c>attribute_exists(Id)</c> only where the seed guards it, and a GetItem that is eventually
/// consistent (the Step Functions integration's default).</summary>
public sealed class SeedApartments(IAmazonDynamoDB dynamoDb, string tableName)
{
    private const string Status = "status";

    /// <summary><c>SET status = :status</c>; with <see cref="StatusChange.OnlyIfExists"/>, throws
    /// <see cref="ConditionalCheckFailedException"/> when the apartment does not exist (the state machine's Catch →
    /// Fail).</summary>
    public Task SetStatusAsync(StatusChange change, CancellationToken cancellationToken) =>
        dynamoDb.UpdateItemAsync(
            new UpdateItemRequest
            {
                TableName = tableName,
                Key = KeyOf(change.ApartmentId),
                UpdateExpression = "SET #apartmentStatus = :status",
                ConditionExpression = change.OnlyIfExists ? "attribute_exists(Id)" : null,
                ExpressionAttributeNames = new() { ["#apartmentStatus"] = Status },
                ExpressionAttributeValues = new() { [":status"] = new(change.Status) },
            },
            cancellationToken);

    public async Task<string?> GetStatusAsync(string apartmentId, CancellationToken cancellationToken)
    {
        var response = await dynamoDb.GetItemAsync(new GetItemRequest { TableName = tableName, Key = KeyOf(apartmentId) }, cancellationToken);
        return response.Item?.GetValueOrDefault(Status)?.S;
    }

    private static Dictionary<string, AttributeValue> KeyOf(string apartmentId) => new() { ["Id"] = new(apartmentId) };
}
