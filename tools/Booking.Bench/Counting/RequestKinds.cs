namespace Booking.Bench.Counting;

/// <summary>Names each request a relay sees by service and operation, as Azure Storage and DynamoDB bill them.</summary>
internal static class RequestKinds
{
    public const string Blob = "blob";
    public const string Queue = "queue";
    public const string Table = "table";
    public const string DynamoDb = "dynamodb";

    public static readonly string[] StorageServices = [Queue, Table, Blob];

    /// <summary>Names a request "service operation resource", e.g. "queue GetMessages control" or "table
    /// QueryEntities Instances": the resource is the queue, table or container with the task hub's name taken off,
    /// so ours and the peer's read alike.</summary>
    public static Func<RequestHead, string> For(string service, string taskHubName) => head =>
        service == DynamoDb ? $"{service} {Operation(service, head)}" : $"{service} {Operation(service, head)} {Resource(head, taskHubName)}";

    /// <summary>Clock-driven lease upkeep (partition leases in blobs or the Partitions table): the same whatever the
    /// load, so it belongs to the idle rate and never to a reservation.</summary>
    public static bool IsLeaseUpkeep(string kind) =>
        kind.Contains(" LeaseBlob", StringComparison.Ordinal) || kind.EndsWith(" Partitions", StringComparison.Ordinal);

    private static string Resource(RequestHead head, string taskHubName)
    {
        var name = head.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).FirstOrDefault() ?? "account";
        name = name.Split('(')[0];
        if (name.StartsWith(taskHubName, StringComparison.OrdinalIgnoreCase))
        {
            name = name[taskHubName.Length..].TrimStart('-');
        }

        // Control queues are numbered by partition: one resource for all of them.
        return name.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9').TrimEnd('-') is { Length: > 0 } trimmed ? trimmed : name;
    }

    private static string Operation(string service, RequestHead head)
    {
        if (service == DynamoDb)
        {
            // X-Amz-Target: DynamoDB_20120810.UpdateItem
            return head.Header("X-Amz-Target")?.Split('.').Last() ?? head.Method;
        }

        // Path-style URLs, as Azurite serves them: /<account>/<queue|table|container>/...
        var segments = head.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
        var comp = head.Query("comp");
        return service switch
        {
            Queue => (head.Method, segments.Length, comp) switch
            {
                ("GET", 2, null) => head.Query("peekonly") == "true" ? "PeekMessages" : "GetMessages",
                ("POST", 2, null) => "PutMessage",
                ("DELETE", 3, null) => "DeleteMessage",
                ("PUT", 3, null) => "UpdateMessage",
                _ => $"{head.Method} {comp ?? (segments.Length == 0 ? "account" : "queue")}",
            },
            Table => (head.Method, segments.FirstOrDefault()) switch
            {
                ("POST", "$batch") => "Batch",
                ("POST", "Tables") => "CreateTable",
                ("GET", { } t) when t.StartsWith("Tables", StringComparison.Ordinal) => "QueryTables",
                ("POST", _) => "InsertEntity",
                ("GET", _) => "QueryEntities",
                ("PUT", _) => "UpdateEntity",
                ("MERGE" or "PATCH", _) => "MergeEntity",
                ("DELETE", _) => "DeleteEntity",
                _ => head.Method,
            },
            _ => (head.Method, comp) switch
            {
                (_, "lease") => "LeaseBlob",
                ("GET", "list") => "ListBlobs",
                ("GET", null) => "GetBlob",
                ("HEAD", null) => "GetBlobProperties",
                ("PUT", null) => head.Query("restype") == "container" ? "CreateContainer" : "PutBlob",
                ("DELETE", null) => "DeleteBlob",
                _ => $"{head.Method} {comp}",
            },
        };
    }
}
