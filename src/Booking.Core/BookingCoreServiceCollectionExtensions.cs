using Amazon.DynamoDBv2;
using Booking.Core.Apartments;
using Booking.Core.Configuration;
using Booking.Core.Limits;
using Booking.Core.Records;
using Booking.Core.Reservations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Booking.Core;

public static class BookingCoreServiceCollectionExtensions
{
    /// <summary>Registers options (validated at start-up), the DynamoDB client, the apartment and reservation stores, the sweeper and the history purger.</summary>
    public static IServiceCollection AddBookingCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DynamoDbOptions>().Bind(configuration.GetSection(DynamoDbOptions.SectionName)).ValidateOnStart();
        services.AddOptions<ReservationOptions>().Bind(configuration.GetSection(ReservationOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DynamoDbOptions>, DynamoDbOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReservationOptions>, ReservationOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => DynamoDbClientFactory.Create(sp.GetRequiredService<IOptions<DynamoDbOptions>>().Value));
        services.TryAddSingleton<IApartmentStore, DynamoDbApartmentStore>();
        services.TryAddSingleton<IReservationStore, DynamoDbReservationStore>();
        services.TryAddSingleton<OrphanedHoldSweeper>();
        services.TryAddSingleton<ReservationHistoryPurger>();
        services.TryAddSingleton<ReservationRecordBackfill>();
        services.TryAddSingleton<ClientLimits>();
        return services;
    }

    /// <summary>Creates the apartment and reservation tables when they are missing (local emulators and tests; in AWS
    /// they are created with the deployment).</summary>
    public static Task EnsureBookingTablesAsync(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        Task.WhenAll(
            services.GetRequiredService<IApartmentStore>().EnsureTableAsync(cancellationToken),
            services.GetRequiredService<IReservationStore>().EnsureTableAsync(cancellationToken));
}
