namespace Booking.Bench;

/// <summary>
/// List prices in USD per single operation, as docs/benchmark.md ("Prices") gives them with their sources and dates.
/// Terms with no price found (Flex Consumption and Lambda execution time, which also needs a measured duration) are
/// left out of the cost model rather than guessed.
/// </summary>
internal static class Prices
{
    /// <summary>Azure Queue Storage, GPv2 Standard LRS, class 1 and class 2 alike: $0.004 per 10,000.</summary>
    public const double QueueOperation = 0.004 / 10_000;

    /// <summary>Azure Table Storage, Standard LRS, any transaction: $0.00036 per 10,000.</summary>
    public const double TableTransaction = 0.00036 / 10_000;

    /// <summary>Azure Blob Storage, Hot LRS, write and list (class 1): $0.05 per 10,000.</summary>
    public const double BlobWrite = 0.05 / 10_000;

    /// <summary>Azure Blob Storage, Hot LRS, read and other (class 2): $0.004 per 10,000.</summary>
    public const double BlobRead = 0.004 / 10_000;

    /// <summary>Azure Functions Flex Consumption, on-demand: $0.40 per million executions.</summary>
    public const double FunctionExecution = 0.40 / 1_000_000;

    /// <summary>DynamoDB on-demand: $0.625 per million write request units.</summary>
    public const double DynamoDbWriteUnit = 0.625 / 1_000_000;

    /// <summary>DynamoDB on-demand: $0.125 per million read request units.</summary>
    public const double DynamoDbReadUnit = 0.125 / 1_000_000;

    /// <summary>AWS Step Functions Standard: $0.025 per 1,000 state transitions.</summary>
    public const double StateTransition = 0.025 / 1_000;

    /// <summary>AWS Lambda: $0.20 per million requests.</summary>
    public const double LambdaRequest = 0.20 / 1_000_000;

    /// <summary>AWS AppSync: $4.00 per million query and mutation operations.</summary>
    public const double AppSyncOperation = 4.00 / 1_000_000;
}
