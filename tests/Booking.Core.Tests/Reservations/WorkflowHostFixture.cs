using Booking.Core.Apartments;
using Booking.Core.Records;
using Booking.Core.Reservations;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.Core.Tests.Reservations;

/// <summary>
/// The real workflow on the Durable Task in-process test host (a real client and worker over an in-memory backend),
/// with its activities on in-memory tables that keep the DynamoDB stores' conditions: the workflow's meaning, fast.
/// The stores themselves are tested against dynalite, and the workflow on DynamoDB by the engine and host tests.
/// Apartments whose id starts with <see cref="FlakyPrefix"/> see a transient fault before each first call.
/// </summary>
public sealed class WorkflowHostFixture : IAsyncLifetime
{
    public const string FlakyPrefix = "flaky-";

    private DurableTaskTestHost? host;

    public DurableTaskClient Client => host!.Client;

    public IApartmentStore Store => Apartments;

    public IReservationStore Records { get; } = new InMemoryReservationStore(TimeProvider.System);

    internal InMemoryApartmentStore Apartments { get; } = new(TimeProvider.System);

    internal FlakyApartmentStore Flaky { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Flaky = new FlakyApartmentStore(Apartments, FlakyPrefix);
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
    }
}
