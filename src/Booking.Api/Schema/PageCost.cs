using GraphQL.Types;
using GraphQL.Validation.Complexity;

namespace Booking.Api.Schema;

/// <summary>
/// How the complexity analyzer costs a list: its items' fields once per item of the page it returns, which is the
/// <c>first</c> asked for or else the configured default. A <c>first</c> out of range is costed as the nearest size
/// allowed (the resolver refuses it anyway), so a negative one cannot pay for the rest of the document.
/// </summary>
internal static class PageCost
{
    /// <summary>For a field that takes the page arguments: a list (<c>getStepFunctions</c>) multiplies its items'
    /// fields by the page size; a page object (<c>{ items nextToken }</c>) leaves that to <see cref="OfItems"/>.</summary>
    public static FieldComplexityResult OfPagedField(FieldImpactContext field) =>
        new(field.Configuration.DefaultObjectImpact, IsList(field.FieldDefinition.ResolvedType) ? PageSize(field) : 1);

    /// <summary>For a page object's <c>items</c>: the page size the field above it was asked for.</summary>
    public static FieldComplexityResult OfItems(FieldImpactContext items) =>
        new(items.Configuration.DefaultObjectImpact, PageSize(items.Parent!.Value));

    private static double PageSize(FieldImpactContext field)
    {
        var limits = ((BookingUserContext)field.ValidationContext.UserContext).Limits;
        return Math.Clamp(field.GetArgument<int?>("first") ?? limits.DefaultPageSize, 0, limits.MaxPageSize);
    }

    private static bool IsList(IGraphType? type) => (type is NonNullGraphType nonNull ? nonNull.ResolvedType : type) is ListGraphType;
}
