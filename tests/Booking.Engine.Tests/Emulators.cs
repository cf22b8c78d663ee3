using Booking.Testing;

namespace Booking.Engine.Tests;

/// <summary>One Azurite and one dynalite for every engine test; each test uses its own task hub and table.</summary>
public sealed class Emulators : IAsyncLifetime
{
    public AzuriteServer Azurite { get; } = new();

    public DynaliteServer Dynalite { get; } = new();

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Azurite.InitializeAsync(), Dynalite.InitializeAsync());
    }

    public async Task DisposeAsync()
    {
        await Azurite.DisposeAsync();
        await Dynalite.DisposeAsync();
    }

    /// <summary>A task hub name no other test uses (letters and digits, as the provider requires).</summary>
    public static string NewTaskHub() => "hub" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A DynamoDB table name no other test uses.</summary>
    public static string NewTable() => "apts-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The settings a host of the engine reads, as flat configuration keys (also usable as environment
    /// variables with ':' written '__').</summary>
    public Dictionary<string, string?> Settings(string taskHub, string table) => new()
    {
        ["AzureWebJobsStorage"] = Azurite.ConnectionString,
        ["TaskHubName"] = taskHub,
        ["DynamoDb:ServiceUrl"] = Dynalite.ServiceUrl,
        ["DynamoDb:Region"] = "us-east-1",
        ["DynamoDb:TableName"] = table,
        ["Engine:MaxQueuePollingInterval"] = "00:00:00.250",
        ["Engine:PartitionCount"] = "2",

        // Short, so a crashed process's leases and in-flight messages come back within the tests' time limits.
        ["Engine:LeaseInterval"] = "00:00:08",
        ["Engine:MessageVisibilityTimeout"] = "00:00:10",
    };
}
