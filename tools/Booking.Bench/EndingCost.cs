using Booking.Bench.Counting;

namespace Booking.Bench;

/// <summary>One ending's measured cost per reservation: storage and DynamoDB requests (less the idle rate), what the
/// workflow's history shows, and the API calls a client (or the payment provider) made.</summary>
internal sealed record EndingCost(Ending Ending, int Reservations, int Wrong, double Seconds, RequestCounts PerReservation, HistoryTally History, int ApiCalls)
{
    private static readonly string[] WriteOperations = ["UpdateItem", "PutItem", "DeleteItem"];
    private static readonly string[] ReadOperations = ["GetItem", "Query", "Scan"];

    public double Storage => RequestKinds.StorageServices.Sum(PerReservation.Service);

    public double DynamoDb => PerReservation.Service(RequestKinds.DynamoDb);

    public double DynamoDbWrites => DynamoDbOperations(WriteOperations);

    public double DynamoDbReads => DynamoDbOperations(ReadOperations);

    /// <summary>In a Function App: one orchestrator execution per episode, one per activity, one per HTTP call.</summary>
    public double FunctionExecutions => History.Episodes + History.Activities + ApiCalls;

    private double DynamoDbOperations(string[] operations) => PerReservation.ByKind
        .Where(k => RequestCounts.ServiceOf(k.Key) == RequestKinds.DynamoDb && operations.Contains(RequestCounts.OperationOf(k.Key)))
        .Sum(k => k.Value);
}
