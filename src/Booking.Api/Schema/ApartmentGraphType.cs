using Booking.Core.Apartments;
using GraphQL.Types;

namespace Booking.Api.Schema;

public sealed class ApartmentGraphType : ObjectGraphType<Apartment>
{
    public ApartmentGraphType()
    {
        Name = nameof(Apartment);
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<ApartmentStatusGraphType>>("status").Resolve(ctx => ctx.Source.Status);
        Field<IdGraphType>("reservationId").Resolve(ctx => ctx.Source.ReservationId);
        Field<UtcDateTimeGraphType>("reservedUntil").Resolve(ctx => ctx.Source.ReservedUntil);
    }
}
