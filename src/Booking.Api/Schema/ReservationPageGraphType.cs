using Booking.Api.Paging;
using Booking.Api.Services;
using GraphQL.Types;

namespace Booking.Api.Schema;

public sealed class ReservationPageGraphType : ObjectGraphType<ListPage<ReservationView>>
{
    public ReservationPageGraphType()
    {
        Name = "ReservationPage";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReservationGraphType>>>>("items").Resolve(ctx => ctx.Source.Items);
        Field<StringGraphType>("nextToken").Description(PageDescriptions.NextToken).Resolve(ctx => ctx.Source.NextToken);
    }
}
