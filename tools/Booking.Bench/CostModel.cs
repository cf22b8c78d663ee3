using Booking.Bench.Counting;

namespace Booking.Bench;

/// <summary>
/// Cost per million reservations from the measured counts and <see cref="Prices"/>: ours on Azure (the task hub's
/// storage transactions, Function executions, DynamoDB requests) beside the seed's design on AWS (Step Functions
/// Standard state transitions, the starter Lambda, the AppSync mutation, and the peer's DynamoDB requests).
/// </summary>
internal static class CostModel
{
    private const double Million = 1_000_000;

    /// <summary>States the seed's machine enters for an ending: Change Apartment Status, Wait, Get Apartment Status,
    /// the Choice, then the revert (expired) or the Pass state (paid). Each is one transition.</summary>
    public const int SeedStateTransitions = 5;

    /// <summary>Ours on Azure: the terms, each in USD per million reservations.</summary>
    public static IReadOnlyList<(string Term, double Usd)> Azure(EndingCost cost) =>
    [
        ("storage", cost.PerReservation.ByKind.Sum(k => k.Value * StoragePrice(k.Key)) * Million),
        ("function executions", cost.FunctionExecutions * Prices.FunctionExecution * Million),

        // The store reads consistently: one read unit per item read (items are far below 4 KB and 1 KB).
        ("DynamoDB", ((cost.DynamoDbWrites * Prices.DynamoDbWriteUnit) + (cost.DynamoDbReads * Prices.DynamoDbReadUnit)) * Million),
    ];

    /// <summary>The seed on AWS; the DynamoDB requests are the peer's, measured.</summary>
    public static IReadOnlyList<(string Term, double Usd)> Aws(EndingCost peer) =>
    [
        ("Step Functions", SeedStateTransitions * Prices.StateTransition * Million),
        ("Lambda requests", Prices.LambdaRequest * Million),
        ("AppSync", Prices.AppSyncOperation * Million),

        // The Step Functions GetItem integration reads eventually consistently: half a read unit.
        ("DynamoDB", ((peer.DynamoDbWrites * Prices.DynamoDbWriteUnit) + (peer.DynamoDbReads * 0.5 * Prices.DynamoDbReadUnit)) * Million),
    ];

    public static double Total(IReadOnlyList<(string Term, double Usd)> terms) => terms.Sum(t => t.Usd);

    private static double StoragePrice(string kind) => RequestCounts.ServiceOf(kind) switch
    {
        RequestKinds.Queue => Prices.QueueOperation,
        RequestKinds.Table => Prices.TableTransaction,
        RequestKinds.Blob => RequestCounts.OperationOf(kind) switch
        {
            "DeleteBlob" => 0,
            "GetBlob" or "GetBlobProperties" => Prices.BlobRead,
            _ => Prices.BlobWrite,
        },
        _ => 0,
    };
}
