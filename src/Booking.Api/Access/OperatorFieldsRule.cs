using Booking.Api.Errors;
using Booking.Api.Schema;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Booking.Api.Access;

/// <summary>
/// Refuses a document that selects an operator field when the caller is not an operator. It is a validation rule, so
/// the refusal comes before anything runs: a mutation that also reserves an apartment changes nothing either.
/// </summary>
internal sealed class OperatorFieldsRule : ValidationRuleBase
{
    public static OperatorFieldsRule Instance { get; } = new();

    private OperatorFieldsRule()
    {
    }

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var refusal = (context.UserContext as BookingUserContext)?.OperatorRefusal;
        if (refusal is null)
        {
            return default;
        }

        return new ValueTask<INodeVisitor?>(new MatchingNodeVisitor<GraphQLField>((field, ctx) =>
        {
            if (ctx.TypeInfo.GetFieldDef()?.GetMetadata<bool>(OperatorOnly.MetadataKey) == true)
            {
                ctx.ReportError(new ValidationError(ctx.Document.Source, null, $"{field.Name.StringValue} {refusal}", field) { Code = ApiErrorCodes.Forbidden });
            }
        }));
    }
}
