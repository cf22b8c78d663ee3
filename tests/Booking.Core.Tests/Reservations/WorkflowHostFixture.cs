using Amazon.DynamoDBv2;
using Booking.Core.Apartments;
using Booking.Core.Configuration;
using Booking.Core.Records;
using Booking.Core.Reservations;
using Booking.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Booking.Core.Tests.Reservations;

/// <summary>
/// The real workflow on the Durable Task in-process test host (a real client and worker over an in-memory backend),
/// with its activities on real dynalite tables. Apartments whose id starts with <see cref="FlakyPrefix"/> see a
/// transient fault before each first call.
/// </summary>
public sealed class WorkflowHostFixture : IAsyncLifetime
{
    public const string FlakyPrefix = "flaky-";

    private readonly DynaliteProcess dynalite = new();
    private DurableTaskTestHost? host;

    public DurableTaskClient Client => host!.Client;

    public IApartmentStore Store { get; private set; } = null!;

    public IAmazonDynamoDB DynamoDb { get; private set; } = null!;

    public IReservationStore Records { get; private set; } = null!;

    public string TableName { get; } = "workflow-" + Guid.NewGuid().ToString("N");

    internal FlakyApartmentStore Flaky { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await dynalite.InitializeAsync();
        var options = dynalite.OptionsFor(TableName);
        DynamoDb = DynamoDbClientFactory.Create(options);
        var real = new DynamoDbApartmentStore(DynamoDb, Options.Create(options), TimeProvider.System);
        Records = new DynamoDbReservationStore(DynamoDb, Options.Create(options), TimeProvider.System);
        await Task.WhenAll(real.EnsureTableAsync(), Records.EnsureTableAsync());
        Store = real;
        Flaky = new FlakyApartmentStore(real, FlakyPrefix);

        host = await DurableTaskTestHost.StartAsync(
            registry => registry.AddReservationWorkflow(),
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services => services.AddSingleton<IApartmentStore>(Flaky).AddSingleton(Records),
            });
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        await dynalite.DisposeAsync();
    }
}
