namespace Booking.Engine.Configuration;

/// <summary>
/// The local durable engine's settings, bound from the <c>Engine</c> section. They are the Azure Storage provider's
/// own settings, with the defaults the Function App's host.json gives Durable Functions where it sets one; the storage
/// connection and the task hub come from the settings the Function App reads (<c>AzureWebJobsStorage</c>,
/// <c>TaskHubName</c>), so both hosts can share one task hub.
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

    /// <summary>The longest an idle queue goes unpolled, and so how late a durable timer or a message sent by another
    /// process can be seen. host.json sets the same for the Function App.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Orchestration work items one process runs at once.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 100;

    /// <summary>Activity work items one process runs at once (each is one DynamoDB call).</summary>
    public int MaxConcurrentActivities { get; set; } = 32;

    /// <summary>How long a dequeued message stays hidden. After a crash, unfinished work reappears after this.</summary>
    public TimeSpan MessageVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a partition lease lasts unrenewed. After a crash, another process takes its partitions after this.</summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>This process's name among the hub's workers; unset means machine name and process id, so two
    /// processes on one machine never share leases.</summary>
    public string? WorkerId { get; set; }
}
