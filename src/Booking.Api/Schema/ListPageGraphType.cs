using Booking.Api.Paging;
using GraphQL;
using GraphQL.Types;

namespace Booking.Api.Schema;

/// <summary>The one page shape every list of the schema has: <c>{ items nextToken }</c>.</summary>
public abstract class ListPageGraphType<TItemGraphType, TItem> : ObjectGraphType<ListPage<TItem>>
    where TItemGraphType : IGraphType
{
    protected ListPageGraphType(string name)
    {
        Name = name;
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TItemGraphType>>>>("items")
            .WithComplexityImpact(PageCost.OfItems)
            .Resolve(ctx => ctx.Source.Items);
        Field<StringGraphType>("nextToken").Description(PageDescriptions.NextToken).Resolve(ctx => ctx.Source.NextToken);
    }
}
