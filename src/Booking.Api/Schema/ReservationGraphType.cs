using Booking.Api.Services;
using GraphQL.Types;

namespace Booking.Api.Schema;

public sealed class ReservationGraphType : ObjectGraphType<ReservationView>
{
    public ReservationGraphType()
    {
        Name = "Reservation";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("apartmentId").Resolve(ctx => ctx.Source.ApartmentId);
        Field<NonNullGraphType<ReservationStatusGraphType>>("status").Resolve(ctx => ctx.Source.Status);
        Field<UtcDateTimeGraphType>("expiresAt")
            .Description("Until when the apartment is held for payment; needs the reservation's token.")
            .Resolve(ctx => ctx.Source.ExpiresAt);
        Field<StringGraphType>("errorCode")
            .Description("Why the reservation was refused or failed, e.g. ApartmentNotFound, ApartmentNotVacant, WorkflowFailed; needs the reservation's token.")
            .Resolve(ctx => ctx.Source.ErrorCode);
        Field<StringGraphType>("errorMessage").Resolve(ctx => ctx.Source.ErrorMessage);
        Field<StringGraphType>("token")
            .Description("The reservation's secret, in the answer of the reserveApartment call that started it and nowhere else: keep it to read the details and to cancel.")
            .Resolve(ctx => ctx.Source.Token);
    }
}
