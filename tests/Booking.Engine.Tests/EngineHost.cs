using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Booking.Testing;
using Booking.Core;
using Booking.Core.Configuration;
using Booking.Core.Apartments;
using Booking.Core.Records;
using Booking.Core.Reservations;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Booking.Engine.Tests;

/// <summary>The engine and the reservation workflow in this test process, on its own task hub and table.</summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly IHost host;

    private EngineHost(IHost host)
    {
        this.host = host;
    }

    public DurableTaskClient Client => host.Services.GetRequiredService<DurableTaskClient>();

    public IApartmentStore Store => host.Services.GetRequiredService<IApartmentStore>();

    public IReservationStore Records => host.Services.GetRequiredService<IReservationStore>();

    public ReservationRecordBackfill Backfill => host.Services.GetRequiredService<ReservationRecordBackfill>();

    /// <summary>Deletes a reservation's record behind the API's back, as if it had never been written.</summary>
    public Task DeleteRecordAsync(string reservationId) =>
        host.Services.GetRequiredService<IAmazonDynamoDB>().DeleteItemAsync(
            host.Services.GetRequiredService<IOptions<DynamoDbOptions>>().Value.ReservationsTableName,
            new Dictionary<string, AttributeValue> { ["Id"] = new(reservationId) });

    /// <summary>Creates the apartment and reservation tables of this host's settings.</summary>
    public Task EnsureTablesAsync() => host.Services.EnsureBookingTablesAsync();

    public static IHost Build(IDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddFilter("DurableTask", LogLevel.Warning);
        builder.Services.AddBookingCore(builder.Configuration);
        builder.Services.AddLocalDurableEngine(builder.Configuration, registry => registry.AddReservationWorkflow());
        return builder.Build();
    }

    public static async Task<EngineHost> StartAsync(IDictionary<string, string?> settings)
    {
        var host = Build(settings);
        await host.Services.EnsureBookingTablesAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(timeout.Token);
        return new EngineHost(host);
    }

    /// <summary>Only the client and the store, no worker: what a test needs to drive engines in other processes.</summary>
    public static EngineHost ClientOnly(IDictionary<string, string?> settings) => new(Build(settings));

    /// <summary>Starts a reservation per id, each for an apartment of its own; pays the first and lets the others'
    /// 2 s windows run out; then checks every outcome and apartment.</summary>
    public async Task PayFirstAndExpireRestAsync(IReadOnlyList<string> ids, TimeSpan patience)
    {
        foreach (var id in ids)
        {
            await Store.AddAsync("apt-" + id);
            await Client.StartAsync(id, "apt-" + id, id == ids[0] ? TimeSpan.FromMinutes(5) : TimeSpan.FromSeconds(2));
        }

        await Client.PendingPaymentAsync(ids[0], patience);
        await Client.RaiseEventAsync(ids[0], ReservationEvents.PaymentConfirmed, new PaymentConfirmed(DateTimeOffset.UtcNow));
        foreach (var id in ids)
        {
            var outcome = await Client.OutcomeAsync(id, patience);
            var apartment = await Store.GetAsync("apt-" + id);
            Assert.Equal(id == ids[0] ? ReservationStatus.Paid : ReservationStatus.Expired, outcome.Status);
            Assert.Equal(id == ids[0] ? ApartmentStatus.Paid : ApartmentStatus.Vacant, apartment!.Status);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await host.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A slow stop must not fail the test that already passed; the process ends anyway.
        }

        host.Dispose();
    }
}
