using Booking.Core.Apartments;
using GraphQL.Types;

namespace Booking.Api.Schema;

public sealed class ApartmentGraphType : ObjectGraphType<Apartment>
{
    // Who holds an apartment and until when are for operators: anyone else could learn the moment a hold ends and
    // snatch the apartment then, or follow one client's reservations.
    private const string OperatorsOnly = "Operators only (the x-operator-key header); null for everyone else.";

    public ApartmentGraphType()
    {
        Name = nameof(Apartment);
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<ApartmentStatusGraphType>>("status").Resolve(ctx => ctx.Source.Status);
        Field<IdGraphType>("reservationId")
            .Description("The reservation that holds or paid for the apartment. " + OperatorsOnly)
            .Resolve(ctx => ctx.Booking().IsOperator ? ctx.Source.ReservationId : null);
        Field<UtcDateTimeGraphType>("reservedUntil")
            .Description("Until when the apartment is held for payment. " + OperatorsOnly)
            .Resolve(ctx => ctx.Booking().IsOperator ? ctx.Source.ReservedUntil : null);
    }
}
