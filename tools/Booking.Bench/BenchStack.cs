using System.Globalization;
using Booking.Core;
using Booking.Core.Apartments;
using Booking.Core.Configuration;
using Booking.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Booking.Core.Reservations;
using Booking.Engine;
using Microsoft.Extensions.Logging;

namespace Booking.Bench;

/// <summary>
/// dynalite, an in-memory Azurite and the local host, each on free 127.0.0.1 ports, started by the bench and stopped
/// (by their own process handles) on dispose. Also gives the bench direct access to the same table and task hub, to
/// seed apartments and to check final states without going through the API it measures.
/// </summary>
internal sealed class BenchStack : IAsyncDisposable
{
    public const string TableName = "BenchApartments";
    public const string TaskHubName = "BenchHub";
    private const int PartitionCount = 4;

    private readonly DynaliteServer dynalite = new();
    private readonly AzuriteServer azurite = new() { InMemory = true };
    private ChildProcess? host;
    private ServiceProvider? services;

    public Uri GraphQLEndpoint { get; private set; } = new("http://127.0.0.1/");

    public DynaliteServer Dynalite => dynalite;

    public IApartmentStore Store => services!.GetRequiredService<IApartmentStore>();

    /// <summary>A client over the task hub's storage only; no worker runs in the bench process.</summary>
    public DurableTaskClient Client => services!.GetRequiredService<DurableTaskClient>();

    public int HostProcessId => host!.Id;

    public string HostOutput => host?.Output ?? string.Empty;

    /// <summary>Starts dynalite alone, so the raw store rate can be measured with nothing else running.</summary>
    public Task StartStoreAsync() => dynalite.InitializeAsync();

    /// <summary>Starts Azurite and the local host (after <see cref="StartStoreAsync"/>).</summary>
    public async Task StartAsync(string hostDll)
    {
        await azurite.InitializeAsync();

        var settings = new Dictionary<string, string?>
        {
            ["DynamoDb__ServiceUrl"] = dynalite.ServiceUrl,
            ["DynamoDb__Region"] = "us-east-1",
            ["DynamoDb__TableName"] = TableName,
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["TaskHubName"] = TaskHubName,
            ["Engine__PartitionCount"] = PartitionCount.ToString(CultureInfo.InvariantCulture),
            ["AWS_ACCESS_KEY_ID"] = "local",
            ["AWS_SECRET_ACCESS_KEY"] = "local",
        };

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), s.Value)))
            .Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        collection.AddBookingCore(configuration);
        collection.AddLocalDurableEngine(configuration, registry => registry.AddReservationWorkflow());
        services = collection.BuildServiceProvider();
        await Store.EnsureTableAsync();

        var port = FreePort.Next();
        GraphQLEndpoint = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/api/graphql");

        // Information-level console logging of every orchestration step would be measured along with the engine.
        settings["Logging__LogLevel__Default"] = "Warning";
        settings["ASPNETCORE_ENVIRONMENT"] = "Production";
        host = ChildProcess.Start("dotnet", [hostDll, "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"], settings);
        await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromMinutes(2), () => host.HasExited);
    }

    /// <summary>CPU seconds used so far by the host, Azurite and dynalite.</summary>
    public CpuSample Cpu() => new(
        CpuTime.SecondsOf(host?.Id),
        CpuTime.SecondsOf(azurite.ProcessId),
        CpuTime.SecondsOf(dynalite.ProcessId));

    /// <summary>Resident memory of the host process, from /proc.</summary>
    public long HostResidentBytes()
    {
        var line = File.ReadLines($"/proc/{HostProcessId.ToString(CultureInfo.InvariantCulture)}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kilobytes = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kilobytes * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        if (services is not null)
        {
            await services.DisposeAsync();
        }

        await azurite.DisposeAsync();

        await dynalite.DisposeAsync();
    }
}
