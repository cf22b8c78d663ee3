using Booking.Engine.Client;
using Booking.Engine.Configuration;
using Booking.Engine.Hosting;
using DurableTask.AzureStorage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Booking.Engine;

public static class LocalDurableEngineServiceCollectionExtensions
{
    /// <summary>
    /// Runs the tasks <paramref name="configureTasks"/> registers in this process, on the Azure Storage provider
    /// (Azurite locally), and registers a <see cref="DurableTaskClient"/> for them. Settings: the <c>Engine</c> section,
    /// <c>AzureWebJobsStorage</c> and <c>TaskHubName</c>, validated at start-up. The engine starts as a hosted service
    /// and creates the task hub when it is missing. Services the tasks need (the apartment store) are the caller's.
    /// </summary>
    public static IServiceCollection AddLocalDurableEngine(this IServiceCollection services, IConfiguration configuration, Action<DurableTaskRegistry> configureTasks)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(configureTasks);

        services.AddOptions<EngineOptions>()
            .Bind(configuration.GetSection(EngineOptions.SectionName))
            .Configure(options =>
            {
                options.StorageConnectionString = configuration[EngineOptions.StorageConnectionSetting] ?? options.StorageConnectionString;
                options.TaskHubName = configuration[EngineOptions.TaskHubNameSetting] ?? options.TaskHubName;

                // The provider's default worker id is the machine name; two processes on one machine would then
                // count as one owner of the partition leases.
                options.WorkerId ??= $"{Environment.MachineName}-{Environment.ProcessId}";
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EngineOptions>, EngineOptionsValidator>());

        var registry = new DurableTaskRegistry();
        configureTasks(registry);
        services.AddSingleton(new EngineTasks(registry));

        services.TryAddSingleton(sp => new AzureStorageOrchestrationService(CreateSettings(
            sp.GetRequiredService<IOptions<EngineOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>())));
        services.TryAddSingleton(sp => new LocalDurableEngine(
            sp.GetRequiredService<AzureStorageOrchestrationService>(),
            sp.GetRequiredService<EngineTasks>().Registry,
            sp,
            sp.GetRequiredService<IOptions<EngineOptions>>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService(sp => sp.GetRequiredService<LocalDurableEngine>());
        services.TryAddSingleton<EngineDurableTaskClient>();
        services.TryAddSingleton<DurableTaskClient>(sp => sp.GetRequiredService<EngineDurableTaskClient>());
        return services;
    }

    private static AzureStorageOrchestrationServiceSettings CreateSettings(EngineOptions options, ILoggerFactory loggerFactory) => new()
    {
        StorageAccountClientProvider = new StorageAccountClientProvider(options.StorageConnectionString),
        TaskHubName = options.TaskHubName,
        PartitionCount = options.PartitionCount,
        MaxQueuePollingInterval = options.MaxQueuePollingInterval,
        MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
        MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
        ControlQueueVisibilityTimeout = options.MessageVisibilityTimeout,
        WorkItemQueueVisibilityTimeout = options.MessageVisibilityTimeout,
        LeaseInterval = options.LeaseInterval,

        // Renew and rebalance well inside the lease, so a live process never loses a lease it holds.
        LeaseRenewInterval = options.LeaseInterval / 3,
        LeaseAcquireInterval = options.LeaseInterval / 3,
        WorkerId = options.WorkerId ?? Environment.MachineName,
        LoggerFactory = loggerFactory,

        // Without it the provider drops a duplicate start silently; the client turns it into a clear error.
        ThrowExceptionOnInvalidDedupeStatus = true,
    };
}
