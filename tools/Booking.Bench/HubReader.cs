using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using Booking.Engine;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Booking.Bench;

/// <summary>
/// Reads a task hub straight from Azurite, past every counting relay, so that the bench watching workflows end costs
/// the measured systems nothing: instance states through a client of the engine (no worker runs), and histories
/// from the hub's History table.
/// </summary>
internal sealed class HubReader : IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <summary>Reads an output whichever worker wrote it: the Functions worker writes camelCase names, the stand-in
    /// engine the type's own; enums as names or numbers.</summary>
    private static readonly JsonSerializerOptions OutputJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly ServiceProvider services;
    private readonly TableClient history;

    public HubReader(string storageConnectionString, string taskHubName)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = storageConnectionString,
                ["TaskHubName"] = taskHubName,
            })
            .Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        collection.AddLocalDurableEngine(configuration, _ => { });
        services = collection.BuildServiceProvider();
        history = new TableClient(storageConnectionString, taskHubName + "History");
    }

    public DurableTaskClient Client => services.GetRequiredService<DurableTaskClient>();

    /// <summary>Waits until the instance has ended; null when the token fires first.</summary>
    public async Task<OrchestrationMetadata?> WaitForEndAsync(string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                if (await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken) is { IsCompleted: true } ended)
                {
                    return ended;
                }

                await Task.Delay(Poll, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>An ended instance's output; default when it has none.</summary>
    public static T? OutputOf<T>(OrchestrationMetadata? instance) =>
        instance?.SerializedOutput is { Length: > 0 } json ? JsonSerializer.Deserialize<T>(json, OutputJson) : default;

    public async Task<HistoryTally> HistoryOfAsync(string instanceId, CancellationToken cancellationToken)
    {
        int episodes = 0, activities = 0, timers = 0;
        await foreach (var row in history.QueryAsync<TableEntity>($"PartitionKey eq '{instanceId}'", select: ["EventType"], cancellationToken: cancellationToken))
        {
            switch (row.GetString("EventType"))
            {
                case "OrchestratorStarted":
                    episodes++;
                    break;
                case "TaskScheduled":
                    activities++;
                    break;
                case "TimerCreated":
                    timers++;
                    break;
            }
        }

        return new HistoryTally(episodes, activities, timers);
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
