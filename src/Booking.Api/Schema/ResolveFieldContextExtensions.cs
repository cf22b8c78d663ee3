using Booking.Api.Paging;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace Booking.Api.Schema;

internal static class ResolveFieldContextExtensions
{
    public static BookingUserContext Booking(this IResolveFieldContext context) =>
        context.UserContext as BookingUserContext
            ?? throw new InvalidOperationException($"The request was executed without a {nameof(BookingUserContext)}; run it through the GraphQL HTTP handler.");

    /// <summary>The <c>first</c> and <c>after</c> arguments every list takes, and its cost by the page it returns.</summary>
    public static FieldBuilder<TSource, TReturn> PageArguments<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field
            .Argument<IntGraphType>("first", PageDescriptions.First)
            .Argument<StringGraphType>("after", PageDescriptions.After)
            .WithComplexityImpact(PageCost.OfPagedField);

    public static PageRequest PageRequest(this IResolveFieldContext context) =>
        Paging.PageRequest.From(
            context.GetArgument<int?>("first"),
            context.GetArgument<string?>("after"),
            context.Booking().Limits);
}
