using GraphQL.Validation;
using GraphQLParser.AST;

namespace Booking.Api.Http;

/// <summary>
/// Added to GET requests only: refuses a selected mutation before anything runs. It is a validation rule so it sees
/// the operation GraphQL.NET selected (by operationName), not a guess of our own.
/// </summary>
internal sealed class QueriesOnlyOverGetRule : ValidationRuleBase
{
    public static QueriesOnlyOverGetRule Instance { get; } = new();

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation?.Operation is OperationType.Mutation)
        {
            context.ReportError(new PostOnlyError("Mutations cannot be sent with GET, which must stay safe to repeat; send this request with POST."));
        }

        return default;
    }
}
