using Amazon.DynamoDBv2;
using Booking.Core.Apartments;
using Booking.Core.Configuration;
using Booking.Core.Reservations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Booking.Core;

public static class BookingCoreServiceCollectionExtensions
{
    /// <summary>Registers options (validated at start-up), the DynamoDB client, the apartment store and the sweeper.</summary>
    public static IServiceCollection AddBookingCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DynamoDbOptions>().Bind(configuration.GetSection(DynamoDbOptions.SectionName)).ValidateOnStart();
        services.AddOptions<ReservationOptions>().Bind(configuration.GetSection(ReservationOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DynamoDbOptions>, DynamoDbOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReservationOptions>, ReservationOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => DynamoDbClientFactory.Create(sp.GetRequiredService<IOptions<DynamoDbOptions>>().Value));
        services.TryAddSingleton<IApartmentStore, DynamoDbApartmentStore>();
        services.TryAddSingleton<OrphanedHoldSweeper>();
        return services;
    }
}
