using Booking.Api.Services;
using Booking.Core.Apartments;
using GraphQL;
using GraphQL.Types;

namespace Booking.Api.Schema;

public sealed class BookingQuery : ObjectGraphType
{
    public BookingQuery()
    {
        Name = "Query";

        Field<ApartmentGraphType, Apartment>("apartment")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(ctx => ctx.Booking().Apartments.GetAsync(ctx.GetArgument<string>("id"), ctx.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ApartmentGraphType>>>, IReadOnlyList<Apartment>>("apartments")
            .Description($"Every apartment, up to {ApartmentService.MaxListed}.")
            .ResolveAsync(ctx => ctx.Booking().Apartments.ListAsync(ctx.CancellationToken)!);

        Field<ReservationGraphType, ReservationView>("reservation")
            .Description("The reservation's current state, read from its workflow; null when no reservation has this id.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(ctx => ctx.Booking().Reservations.GetAsync(ctx.GetArgument<string>("id"), ctx.CancellationToken));

        Field<ListGraphType<NonNullGraphType<StepFunctionsGraphType>>, IReadOnlyList<StepFunctionView>>("getStepFunctions")
            .Description($"The seed's query: reservation workflow instances, oldest first, up to {ReservationService.MaxListed}.")
            .ResolveAsync(ctx => ctx.Booking().Reservations.ListStepFunctionsAsync(ctx.CancellationToken)!);
    }
}
