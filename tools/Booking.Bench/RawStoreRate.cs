using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Booking.Bench;

/// <summary>
/// The store-bound limit: conditional UpdateItem calls straight against dynalite, <c>concurrency</c> in flight, on a
/// table of their own, with the same shape as the workflow's hold and release (a status change guarded by a condition).
/// </summary>
internal static class RawStoreRate
{
    public static async Task<double> MeasureAsync(IAmazonDynamoDB dynamoDb, int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        const string table = "BenchRawRate";
        await dynamoDb.CreateTableAsync(
            new CreateTableRequest
            {
                TableName = table,
                AttributeDefinitions = [new AttributeDefinition("Id", ScalarAttributeType.S)],
                KeySchema = [new KeySchemaElement("Id", KeyType.HASH)],
                BillingMode = BillingMode.PAY_PER_REQUEST,
            },
            cancellationToken);
        while ((await dynamoDb.DescribeTableAsync(table, cancellationToken)).Table.TableStatus != TableStatus.ACTIVE)
        {
            await Task.Delay(50, cancellationToken);
        }

        var keys = Enumerable.Range(0, concurrency * 4).Select(i => $"raw-{i}").ToList();
        foreach (var key in keys)
        {
            await dynamoDb.PutItemAsync(table, new Dictionary<string, AttributeValue> { ["Id"] = new(key), ["status"] = new("vacant") }, cancellationToken);
        }

        // Warm up connections and the JIT before timing.
        await RunAsync(dynamoDb, table, keys, concurrency, TimeSpan.FromSeconds(1), cancellationToken);
        var operations = await RunAsync(dynamoDb, table, keys, concurrency, duration, cancellationToken);
        return operations / duration.TotalSeconds;
    }

    private static async Task<long> RunAsync(IAmazonDynamoDB dynamoDb, string table, List<string> keys, int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        long done = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            for (var i = worker; clock.Elapsed < duration; i += concurrency)
            {
                await dynamoDb.UpdateItemAsync(
                    new UpdateItemRequest
                    {
                        TableName = table,
                        Key = new() { ["Id"] = new(keys[i % keys.Count]) },
                        UpdateExpression = "SET #s = :s, #u = :u",
                        ConditionExpression = "attribute_exists(Id)",
                        ExpressionAttributeNames = new() { ["#s"] = "status", ["#u"] = "updatedAt" },
                        ExpressionAttributeValues = new() { [":s"] = new(i % 2 == 0 ? "reserved" : "vacant"), [":u"] = new(DateTime.UtcNow.ToString("O")) },
                        ReturnValues = ReturnValue.ALL_NEW,
                    },
                    cancellationToken);
                Interlocked.Increment(ref done);
            }
        }));
        return done;
    }
}
