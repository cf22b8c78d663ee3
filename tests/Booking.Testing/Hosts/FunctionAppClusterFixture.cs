using System.Globalization;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Booking.Core.Apartments;
using Booking.Core.Reservations;
using Xunit;

namespace Booking.Testing.Hosts;

/// <summary>
/// The Function App scaled out: several real Functions hosts on one task hub, one Azurite and one dynalite, as the
/// instances of one Function App in Azure share its storage account and tables. Each host has its own worker id, made
/// the way the Durable extension makes it in Azure (stamp and role instance), so the hosts split the task hub's
/// partitions between them instead of each believing it owns them all.
/// </summary>
public sealed partial class FunctionAppClusterFixture : IAsyncLifetime
{
    /// <summary>How many hosts the cluster starts with.</summary>
    public const int Size = 3;

    private const string Stamp = "cluster";

    private readonly Emulators emulators = new();
    private readonly Dictionary<string, string?> environment = [];
    private FunctionsHostProcess[] hosts = [];

    /// <summary>The hosts, in the order they were started; a killed one stays in the list with no process.</summary>
    public IReadOnlyList<FunctionsHostProcess> Hosts => hosts;

    /// <summary>The hosts whose process is running.</summary>
    public IReadOnlyList<FunctionsHostProcess> Running => [.. hosts.Where(h => h.ProcessId is not null)];

    public DynamoDbApartmentStore Table { get; private set; } = null!;

    public string TaskHubName => environment["TaskHubName"]!;

    public async Task InitializeAsync()
    {
        await emulators.InitializeAsync();
        foreach (var (key, value) in emulators.HostEnvironment())
        {
            environment[key] = value;
        }

        // A message a killed host had taken from a queue comes back after a minute (the extension's shortest) instead
        // of the default five, within the tests' time limits.
        environment["AzureFunctionsJobHost__extensions__durableTask__storageProvider__controlQueueVisibilityTimeout"] = "00:01:00";
        environment["AzureFunctionsJobHost__extensions__durableTask__storageProvider__workItemQueueVisibilityTimeout"] = "00:01:00";
        Table = await Emulators.TableOf(environment, emulators.Dynalite);
        // One after another: hosts that start at the same moment on one machine can stay unavailable for minutes.
        var started = new List<FunctionsHostProcess>();
        for (var i = 0; i < Size; i++)
        {
            started.Add(await StartHostAsync(i));
            hosts = [.. started];
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }

        await emulators.DisposeAsync();
    }

    /// <summary>The worker id a host runs the task hub under; partition leases name it as their owner.</summary>
    public static string WorkerIdOf(int index) => Stamp + ":" + RoleInstanceOf(index);

    /// <summary>The task hub's partitions and the worker that holds each lease now.</summary>
    public async Task<IReadOnlyDictionary<string, string>> PartitionOwnersAsync()
    {
        var table = new TableClient(emulators.Azurite.ConnectionString, TaskHubName + "Partitions");
        var owners = new Dictionary<string, string>();
        await foreach (var lease in table.QueryAsync<TableEntity>())
        {
            owners[lease.RowKey] = lease.GetString("CurrentOwner") ?? string.Empty;
        }

        return owners;
    }

    /// <summary>Waits until every host in <paramref name="indexes"/> holds at least one partition and no partition is
    /// unowned; fails the test with the owners seen last.</summary>
    public async Task WaitUntilPartitionsAreSharedAsync(IReadOnlyCollection<int> indexes, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        IReadOnlyDictionary<string, string> owners = new Dictionary<string, string>();
        while (DateTime.UtcNow < deadline)
        {
            owners = await PartitionOwnersAsync();
            if (owners.Count > 0 && owners.Values.All(o => o.Length > 0) && indexes.All(i => owners.Values.Contains(WorkerIdOf(i))))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        Assert.Fail($"The partitions were not shared by hosts {string.Join(", ", indexes)} within {patience}: {string.Join(", ", owners.Select(o => o.Key + "=" + o.Value))}");
    }

    /// <summary>The reservations whose workflow <paramref name="host"/> ran, as its log (the Durable extension's
    /// function-started lines) says.</summary>
    public static IReadOnlySet<string> WorkflowsRunBy(FunctionsHostProcess host) =>
        OrchestratorStarted().Matches(host.Output).Select(m => m.Groups["id"].Value).ToHashSet();

    private static string RoleInstanceOf(int index) => "host-" + index.ToString(CultureInfo.InvariantCulture);

    private Task<FunctionsHostProcess> StartHostAsync(int index)
    {
        var settings = new Dictionary<string, string?>(environment)
        {
            ["WEBSITE_CURRENT_STAMPNAME"] = Stamp,
            ["RoleInstanceId"] = RoleInstanceOf(index),
        };
        return FunctionsHostProcess.StartAsync(settings);
    }

    [GeneratedRegex(@"(?m)^\s*(?<id>\S+): Function '" + ReservationOrchestrator.Name + @" \(Orchestrator\)' started\.")]
    private static partial Regex OrchestratorStarted();
}
