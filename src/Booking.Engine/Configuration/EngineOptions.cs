namespace Booking.Engine.Configuration;

/// <summary>
/// The local durable engine's settings, bound from the <c>Engine</c> section; the storage connection and the task hub
/// come from the same top-level settings the Function App reads (<c>AzureWebJobsStorage</c>, <c>TaskHubName</c>), so
/// both hosts can share one task hub.
/// </summary>
public sealed class EngineOptions
{
    public const string SectionName = "Engine";

    /// <summary>The top-level setting that holds the storage connection string, as in a Function App.</summary>
    public const string StorageConnectionSetting = "AzureWebJobsStorage";

    /// <summary>The top-level setting that names the task hub, as in local.settings.json.</summary>
    public const string TaskHubNameSetting = "TaskHubName";

    /// <summary>Azure Storage (Azurite locally). Read from <c>AzureWebJobsStorage</c>.</summary>
    public string StorageConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>Prefix of every queue, table and blob container of the hub. Read from <c>TaskHubName</c>.</summary>
    public string TaskHubName { get; set; } = "BookingHub";

    /// <summary>Control queues; the unit by which processes share orchestrations. Fixed once the hub exists.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>The longest an idle queue goes unpolled. With <see cref="SignalledPolling"/> it bounds how late this
    /// process sees a message another process sent (or a timer set before a restart); without, how late any durable
    /// timer can fire.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Poll a queue found empty again only when this process has sent to it, when a message it hid (a timer)
    /// becomes visible, or after <see cref="MaxQueuePollingInterval"/>; one fetch loop asks while the others wait for
    /// its answer. False: the provider's own polling, where every fetch loop polls and every send, timers included,
    /// restarts each loop's backoff at 50 ms (most requests in a burst then came back empty; docs/engine.md).</summary>
    public bool SignalledPolling { get; set; } = true;

    /// <summary>Orchestration work items one process runs at once.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 100;

    /// <summary>Activity work items one process runs at once (each is one DynamoDB call).</summary>
    public int MaxConcurrentActivities { get; set; } = 32;

    /// <summary>First episodes of new orchestrations one process runs at once; 0, the default: no cap of their own
    /// (<see cref="MaxConcurrentOrchestrations"/>). Episodes of orchestrations under way (a fired timer, an activity's
    /// answer, an event) always go first either way. A small cap (8) keeps a burst of new reservations from crowding
    /// the storage emulator while windows end, but makes starts latency-bound: 10,000 starts were held at ~2.5 a
    /// second with 8 (docs/engine.md).</summary>
    public int MaxNewOrchestrationsInFlight { get; set; }

    /// <summary>Starts (an instance row and a start message) this process's client writes at once; callers past it
    /// wait their turn. 0, the default: no limit. The storage emulator answers requests in arrival order, so 32
    /// callers starting at once put their writes ahead of the episodes releasing ended windows (docs/engine.md).</summary>
    public int MaxConcurrentStarts { get; set; }

    /// <summary>Parallel fetch loops on the activity queue; the provider's one loop gets one message per request.</summary>
    public int ActivityDispatchers { get; set; } = 8;

    /// <summary>Keep an orchestration's state in memory between its episodes for up to
    /// <see cref="ExtendedSessionIdleTimeout"/>, so the next episode does not read its history back from the History
    /// table (on Azurite a history read scans the whole table).</summary>
    public bool ExtendedSessions { get; set; }

    /// <summary>How long an idle orchestration stays in memory when <see cref="ExtendedSessions"/> is on.</summary>
    public TimeSpan ExtendedSessionIdleTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Control-queue messages a process buffers in memory before it stops dequeuing.</summary>
    public int ControlQueueBufferThreshold { get; set; } = 256;

    /// <summary>How long a dequeued message stays hidden. After a crash, unfinished work reappears after this.</summary>
    public TimeSpan MessageVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a partition lease lasts unrenewed. After a crash, another process takes its partitions after this.</summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>More queue endpoints of the same storage account (URLs, e.g. <c>http://127.0.0.1:10011/devstoreaccount1</c>),
    /// over which the hub's queues are spread: control queue N on endpoint N mod count, counting the connection
    /// string's own queue endpoint first, and the work-item queue's messages over all of them. Only for Azurite at scale (each Azurite
    /// process slows down as the messages it stores grow); every process on the hub must list the same endpoints.</summary>
    public IList<string> ExtraQueueEndpoints { get; } = [];

    /// <summary>Tables the hub's History and Instances tables are each split over, by instance id (1 = not split; the
    /// provider's own layout). Only for Azurite at scale: it scans a table for every history read and every instance
    /// update, so N shards make each N times cheaper. Fixed once the hub exists; every process on the hub must use the
    /// same count.</summary>
    public int TableShards { get; set; } = 1;

    /// <summary>The provider's tables that <see cref="TableShards"/> splits.</summary>
    internal IReadOnlySet<string> ShardedTableNames => new HashSet<string>(StringComparer.OrdinalIgnoreCase) { HistoryTableName, InstancesTableName };

    /// <summary>The provider's names for the hub's tables.</summary>
    internal string HistoryTableName => TaskHubName + "History";

    internal string InstancesTableName => TaskHubName + "Instances";

    /// <summary>This process's name among the hub's workers; unset means machine name and process id, so two
    /// processes on one machine never share leases.</summary>
    public string? WorkerId { get; set; }
}
