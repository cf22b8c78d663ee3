using Booking.Engine.Configuration;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Booking.Engine.Hosting;

/// <summary>
/// Runs the registered SDK orchestrators and activities in this process on DurableTask.Core's <see cref="TaskHubWorker"/>
/// over the Azure Storage provider. There is no gRPC hop: the work-item stream whose stall DESIGN §4 records does not
/// exist here; the provider's own dispatchers pull work from the queues.
/// </summary>
public sealed class LocalDurableEngine : IHostedService, IAsyncDisposable
{
    private readonly AzureStorageOrchestrationService service;
    private readonly TaskHubWorker worker;
    private readonly ILogger<LocalDurableEngine> logger;
    private readonly EngineOptions options;
    private bool started;

    public LocalDurableEngine(
        AzureStorageOrchestrationService service,
        DurableTaskRegistry registry,
        IServiceProvider services,
        IOptions<EngineOptions> options,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(registry);
        this.service = service;
        this.options = options.Value;
        logger = loggerFactory.CreateLogger<LocalDurableEngine>();

        // The shim factory's data converter is the SDK's JSON one, the same the client uses for inputs and events.
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = EngineSerialization.DataConverter }, loggerFactory);
        worker = new TaskHubWorker(service, loggerFactory)
        {
            // The SDK's shims report failures as FailureDetails; without this mode DurableTask.Core would serialize
            // exceptions instead and clients would see no failure details.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        worker.AddTaskOrchestrations(registry.GetOrchestrators()
            .Select(o => (ObjectCreator<TaskOrchestration>)new ShimCreator<TaskOrchestration>(o.Key, () => shims.CreateOrchestration(o.Key, o.Value(services))))
            .ToArray());
        worker.AddTaskActivities(registry.GetActivities()
            .Select(a => (ObjectCreator<TaskActivity>)new ShimCreator<TaskActivity>(a.Key, () => shims.CreateActivity(a.Key, a.Value(services))))
            .ToArray());
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await service.CreateIfNotExistsAsync().WaitAsync(cancellationToken);
        await worker.StartAsync().WaitAsync(cancellationToken);
        started = true;
        logger.LogInformation(
            "Durable engine started on task hub {TaskHub} ({Partitions} partitions) as worker {WorkerId}",
            options.TaskHubName,
            options.PartitionCount,
            this.options.WorkerId);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!started)
        {
            return;
        }

        started = false;

        // Graceful: finish the work items in hand and release partition leases so another process takes over at once.
        // When the host's shutdown time runs out first, stop waiting without throwing: whatever is unfinished is
        // still in storage, and its messages reappear for the next start once their visibility timeout passes.
        try
        {
            await worker.StopAsync(isForced: false).WaitAsync(cancellationToken);
            logger.LogInformation("Durable engine stopped on task hub {TaskHub}", options.TaskHubName);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Durable engine on task hub {TaskHub} did not stop in time; unfinished work resumes at the next start", options.TaskHubName);
        }
    }

    public ValueTask DisposeAsync()
    {
        worker.Dispose();
        return ValueTask.CompletedTask;
    }
}
