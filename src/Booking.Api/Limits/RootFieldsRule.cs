using Booking.Api.Errors;
using Booking.Api.Schema;
using GraphQL.Validation;

namespace Booking.Api.Limits;

/// <summary>Refuses an operation that selects more than <see cref="GraphQLApiOptions.MaxRootFields"/> root fields, before
/// anything runs: each alias of a root field is a resolver of its own, most of them a read of the store.</summary>
internal sealed class RootFieldsRule : ValidationRuleBase
{
    public static RootFieldsRule Instance { get; } = new();

    private RootFieldsRule()
    {
    }

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.UserContext is BookingUserContext { Limits.MaxRootFields: var max } && RootFields.Of(context).Count is var count && count > max)
        {
            context.ReportError(new ValidationError(
                $"The operation selects {count} root fields, aliases and fragments included; at most {max} are allowed on this endpoint ({GraphQLApiOptions.SectionName}:{nameof(GraphQLApiOptions.MaxRootFields)}). Split it into several requests.")
            {
                Code = ApiErrorCodes.QueryTooComplex,
            });
        }

        return default;
    }
}
