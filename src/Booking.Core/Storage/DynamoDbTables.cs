using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Booking.Core.Storage;

/// <summary>Creates a table when it is missing and waits until it is active (dynalite, like DynamoDB, creates
/// tables asynchronously).</summary>
internal static class DynamoDbTables
{
    private static readonly TimeSpan ActivePollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ActiveTimeout = TimeSpan.FromMinutes(2);

    public static async Task EnsureAsync(IAmazonDynamoDB dynamoDb, CreateTableRequest table, CancellationToken cancellationToken)
    {
        try
        {
            await dynamoDb.CreateTableAsync(table, cancellationToken);
        }
        catch (ResourceInUseException)
        {
            // Already there, or being created by another process: either way, wait for it below.
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ActiveTimeout);
        while (true)
        {
            var description = await dynamoDb.DescribeTableAsync(table.TableName, timeout.Token);
            if (description.Table.TableStatus == TableStatus.ACTIVE
                && (description.Table.GlobalSecondaryIndexes ?? []).All(index => index.IndexStatus == IndexStatus.ACTIVE))
            {
                return;
            }

            await Task.Delay(ActivePollInterval, timeout.Token);
        }
    }
}
