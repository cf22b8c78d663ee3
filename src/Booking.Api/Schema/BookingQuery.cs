using Booking.Api.Paging;
using Booking.Api.Seed;
using Booking.Api.Services;
using Booking.Core.Apartments;
using Booking.Core.Reservations;
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

        Field<NonNullGraphType<ApartmentPageGraphType>, ListPage<Apartment>>("apartments")
            .Description("Apartments, a page at a time, in the table's own stable order.")
            .PageArguments()
            .ResolveAsync(ctx => ctx.Booking().Apartments.ListAsync(ctx.PageRequest(), ctx.CancellationToken)!);

        Field<ReservationGraphType, ReservationView>("reservation")
            .Description("The reservation's current state, read from its workflow; null when no reservation has this id. Without its token only id, apartmentId and status are shown; a wrong token is refused.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<StringGraphType>("token", "The token the reserveApartment answer carried.")
            .ResolveAsync(ctx => ctx.Booking().Reservations.GetAsync(ctx.GetArgument<string>("id"), ctx.GetArgument<string?>("token"), ctx.CancellationToken));

        Field<NonNullGraphType<ReservationPageGraphType>, ListPage<ReservationView>>("reservations")
            .Description("Reservations, newest first, a page at a time; only what anyone may see (no tokens, no details).")
            .Argument<IdGraphType>("apartmentId", "Only this apartment's reservations.")
            .Argument<ReservationStatusGraphType>("status", "Only reservations in this status.")
            .PageArguments()
            .ResolveAsync(ctx => ctx.Booking().Reservations.ListAsync(
                ctx.GetArgument<string?>("apartmentId"),
                ctx.GetArgument<ReservationStatus?>("status"),
                ctx.PageRequest(),
                ctx.CancellationToken)!);

        Field<ListGraphType<NonNullGraphType<StepFunctionsGraphType>>, IReadOnlyList<StepFunctionView>>("getStepFunctions")
            .Description("The seed's query: reservation workflow instances, newest first, a page at a time. The seed's list shape stays, so when more follow, the response's extensions.nextTokens.getStepFunctions holds the nextToken to pass as `after`.")
            .PageArguments()
            .ResolveAsync(async ctx =>
            {
                var page = await ctx.Booking().StepFunctions.ListAsync(ctx.PageRequest(), ctx.CancellationToken);
                if (page.NextToken is not null)
                {
                    ctx.SetOutputExtension($"nextTokens.{ctx.FieldAst.Alias?.Name.StringValue ?? ctx.FieldAst.Name.StringValue}", page.NextToken);
                }

                return page.Items;
            });
    }
}
