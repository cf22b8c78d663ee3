using Booking.Core.Apartments;
using Booking.Core.Records;
using Booking.Core.Validation;
using Microsoft.Extensions.Options;

namespace Booking.LocalHost.Seeding;

/// <summary>Creates the tables when missing and adds the sample apartments that are not there yet.</summary>
public sealed class SampleApartmentsSeeder(
    IApartmentStore store,
    IReservationStore records,
    IOptions<SampleApartmentsOptions> options,
    ILogger<SampleApartmentsSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(store.EnsureTableAsync(cancellationToken), records.EnsureTableAsync(cancellationToken));
        foreach (var id in options.Value.SampleApartments)
        {
            InputRules.RequireApartmentId(id, $"{SampleApartmentsOptions.SectionName}:{nameof(SampleApartmentsOptions.SampleApartments)}");
            if (await store.AddAsync(id, cancellationToken))
            {
                logger.LogInformation("Added sample apartment {ApartmentId}", id);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
