using Booking.Api.Errors;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Booking.Api.Http;

/// <summary>
/// Refuses an operation whose root type the schema does not have (this schema has no subscriptions). Without it,
/// GraphQL.NET fails such an operation during execution, which the client would see as a 500.
/// </summary>
public sealed class KnownOperationTypesRule : ValidationRuleBase
{
    public static KnownOperationTypesRule Instance { get; } = new();

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation?.Operation is OperationType.Subscription && context.Schema.Subscription is null)
        {
            context.ReportError(new ValidationError("This endpoint has no subscriptions; send a query or a mutation.") { Code = ApiErrorCodes.UnsupportedOperation });
        }

        return default;
    }
}
