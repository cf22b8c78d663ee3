using System.Globalization;
using Amazon.DynamoDBv2;
using Booking.Bench.PeerApp.Seed;
using Booking.Core.Configuration;
using Booking.Engine;
using Booking.Engine.Hosting;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Booking.Bench.Peer;

/// <summary>
/// The peer workflow on the same engine as the local stand-in host (Booking.Engine's <see cref="LocalDurableEngine"/>,
/// the Azure Storage provider, the same engine settings), hosted in the bench process on a task hub of its own, for
/// machines without a Functions host. Its storage and DynamoDB connections go through the peer's own counting relays;
/// its client is the seed's starter Lambda (StartExecution and return).
/// </summary>
internal sealed class PeerEngine : IPeerStarter, IAsyncDisposable
{
    private readonly ServiceProvider services;
    private bool started;

    public PeerEngine(string storageConnectionString, string dynamoDbServiceUrl, string tableName, int partitionCount)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = storageConnectionString,
                ["TaskHubName"] = BenchStack.PeerTaskHubName,
                ["Engine:PartitionCount"] = partitionCount.ToString(CultureInfo.InvariantCulture),
            })
            .Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        collection.AddSingleton(new SeedApartments(
            DynamoDbClientFactory.Create(new DynamoDbOptions { ServiceUrl = dynamoDbServiceUrl, Region = "us-east-1", TableName = tableName }),
            tableName));
        collection.AddLocalDurableEngine(configuration, registry => registry
            .AddOrchestrator<SeedStateMachine>()
            .AddActivity<UpdateItemActivity>()
            .AddActivity<GetItemActivity>());
        services = collection.BuildServiceProvider();
    }

    public DurableTaskClient Client => services.GetRequiredService<DurableTaskClient>();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await services.GetRequiredService<LocalDurableEngine>().StartAsync(cancellationToken);
        started = true;
    }

    /// <summary>What the seed's starter Lambda does: start an execution with the reservation's input.</summary>
    public Task StartReservationAsync(string id, string apartmentId, TimeSpan wait, CancellationToken cancellationToken) =>
        Client.ScheduleNewOrchestrationInstanceAsync(
            SeedStateMachine.Name,
            new SeedRequest(apartmentId, "reserved", wait),
            new StartOrchestrationOptions(id),
            cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (started)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await services.GetRequiredService<LocalDurableEngine>().StopAsync(timeout.Token);
        }

        await services.DisposeAsync();
    }
}
