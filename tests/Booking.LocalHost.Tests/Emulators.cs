using System.Globalization;
using Booking.Core.Apartments;
using Booking.Testing;

namespace Booking.LocalHost.Tests;

/// <summary>One Azurite and one in-memory dynalite shared by the tests of a collection; each host started on them
/// gets its own task hub and table.</summary>
public sealed class Emulators : IAsyncLifetime
{
    public AzuriteServer Azurite { get; } = new();

    public DynaliteServer Dynalite { get; } = new();

    public async Task InitializeAsync() => await Task.WhenAll(Azurite.InitializeAsync(), Dynalite.InitializeAsync());

    public async Task DisposeAsync()
    {
        await Dynalite.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    /// <summary>A task hub no other host uses (letters and digits, as the storage provider requires).</summary>
    public static string NewTaskHub() => "e2e" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The environment of a local host on these emulators, on a new task hub and table unless given.
    /// <paramref name="dynalite"/> replaces the shared dynalite (a test that stops its store brings its own).</summary>
    public Dictionary<string, string?> HostEnvironment(string? table = null, string? taskHub = null, DynaliteServer? dynalite = null) => new()
    {
        ["AzureWebJobsStorage"] = Azurite.ConnectionString,
        ["TaskHubName"] = taskHub ?? NewTaskHub(),
        ["DynamoDb__ServiceUrl"] = (dynalite ?? Dynalite).ServiceUrl,
        ["DynamoDb__Region"] = "us-east-1",
        ["DynamoDb__TableName"] = table ?? NewTable(),
        ["Engine__PartitionCount"] = "2",
        ["Engine__MaxQueuePollingInterval"] = "00:00:00.200",

        // The shortest the engine allows, so a host started after a SIGKILL takes the partitions over within seconds.
        ["Engine__LeaseInterval"] = "00:00:05",
        ["Engine__MessageVisibilityTimeout"] = "00:00:10",
        ["Reservation__MaxPaymentWindow"] = TimeSpan.FromHours(1).ToString("c", CultureInfo.InvariantCulture),
    };

    /// <summary>A DynamoDB table name no other host uses.</summary>
    public static string NewTable() => "e2e-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The host's table, read directly for assertions.</summary>
    public static Task<DynamoDbApartmentStore> TableOf(IReadOnlyDictionary<string, string?> environment, DynaliteServer dynalite) =>
        dynalite.CreateStoreAsync(environment["DynamoDb__TableName"]);
}
