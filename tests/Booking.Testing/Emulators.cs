using System.Globalization;
using Booking.Core.Apartments;
using Xunit;

namespace Booking.Testing;

/// <summary>One Azurite and one dynalite shared by the tests of a collection; each host or engine started on them gets
/// its own task hub and table.</summary>
public sealed class Emulators : IAsyncLifetime
{
    public AzuriteProcess Azurite { get; init; } = new();

    public DynaliteProcess Dynalite { get; } = new();

    public async Task InitializeAsync() => await Task.WhenAll(Azurite.InitializeAsync(), Dynalite.InitializeAsync());

    public async Task DisposeAsync()
    {
        await Dynalite.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    /// <summary>A task hub no other test uses (letters and digits, as the storage provider requires).</summary>
    public static string NewTaskHub() => "hub" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A DynamoDB table name no other test uses.</summary>
    public static string NewTable() => "apts-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The settings a host reads, as configuration keys, on a new task hub and table unless given.
    /// <paramref name="dynalite"/> replaces the shared dynalite (a test that stops its store brings its own).</summary>
    public Dictionary<string, string?> Settings(string? taskHub = null, string? table = null, DynaliteProcess? dynalite = null)
    {
        var apartments = table ?? NewTable();
        return new()
        {
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            ["TaskHubName"] = taskHub ?? NewTaskHub(),
            ["DynamoDb:ServiceUrl"] = (dynalite ?? Dynalite).ServiceUrl,
            ["DynamoDb:Region"] = "us-east-1",
            ["DynamoDb:TableName"] = apartments,
            ["DynamoDb:ReservationsTableName"] = DynaliteProcess.ReservationsTableFor(apartments),
            ["Engine:PartitionCount"] = "2",
            ["Engine:MaxQueuePollingInterval"] = "00:00:00.200",

            // The shortest the engine allows, so a process started after a SIGKILL takes the partitions over within
            // seconds and in-flight messages come back within the tests' time limits.
            ["Engine:LeaseInterval"] = "00:00:05",
            ["Engine:MessageVisibilityTimeout"] = "00:00:10",
            ["Reservation:MaxPaymentWindow"] = TimeSpan.FromHours(1).ToString("c", CultureInfo.InvariantCulture),

            // Every test client calls from 127.0.0.1, so the per-client limits are off unless a test turns them on.
            ["Reservation:MaxActiveHoldsPerClient"] = "0",
            ["Reservation:MaxReservationsPerClientPerMinute"] = "0",
            ["Reservation:MaxClientPaymentWindow"] = TimeSpan.FromHours(1).ToString("c", CultureInfo.InvariantCulture),
        };
    }

    /// <summary><see cref="Settings"/> as a child process's environment (':' written '__').</summary>
    public Dictionary<string, string?> HostEnvironment(string? table = null, string? taskHub = null, DynaliteProcess? dynalite = null) =>
        Settings(taskHub, table, dynalite).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);

    /// <summary>The table named in a host's environment, read directly for assertions; its reservations table is
    /// created beside it.</summary>
    public static Task<DynamoDbApartmentStore> TableOf(IReadOnlyDictionary<string, string?> environment, DynaliteProcess dynalite) =>
        dynalite.CreateStoreAsync(environment["DynamoDb__TableName"]);
}
