using Microsoft.Extensions.DependencyInjection;

namespace Booking.Api.Schema;

public sealed class BookingSchema : GraphQL.Types.Schema
{
    public BookingSchema(IServiceProvider services)
        : base(services)
    {
        Query = services.GetRequiredService<BookingQuery>();
        Mutation = services.GetRequiredService<BookingMutation>();
    }
}
