using Booking.Api.Paging;
using Booking.Core.Apartments;
using GraphQL.Types;

namespace Booking.Api.Schema;

public sealed class ApartmentPageGraphType : ObjectGraphType<ListPage<Apartment>>
{
    public ApartmentPageGraphType()
    {
        Name = "ApartmentPage";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ApartmentGraphType>>>>("items").Resolve(ctx => ctx.Source.Items);
        Field<StringGraphType>("nextToken").Description(PageDescriptions.NextToken).Resolve(ctx => ctx.Source.NextToken);
    }
}
