using Booking.Api.Access;
using Booking.Api.Http;
using Booking.Api.Services;
using Booking.Core.Configuration;
using Booking.Core.Limits;
using Booking.Core.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Booking.Api.Schema;

/// <summary>The one place a request's booking context is built: its services (with the request's durable client),
/// whether it may use the operator fields, and who sent it.</summary>
public sealed class BookingUserContextBuilder(
    ApartmentService apartments,
    IReservationStore records,
    ClientLimits limits,
    OperatorAccess operatorAccess,
    IOptions<ReservationOptions> reservationOptions,
    IOptions<GraphQLApiOptions> apiOptions,
    TimeProvider clock) : IGraphQLUserContextBuilder
{
    public ValueTask<IDictionary<string, object?>> BuildAsync(HttpContext context)
    {
        var reservations = new ReservationService(context.DurableClient(), records, limits, reservationOptions.Value, clock);
        var operatorRefusal = operatorAccess.RefusalFor(context.Request);
        var caller = Caller.Of(context.Request, reservationOptions.Value, isOperator: operatorRefusal is null);
        return new(new BookingUserContext(apartments, reservations, apiOptions.Value, operatorRefusal, caller));
    }
}
