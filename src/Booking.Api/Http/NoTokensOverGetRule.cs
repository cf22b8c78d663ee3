using GraphQL.Validation;
using GraphQLParser.AST;

namespace Booking.Api.Http;

/// <summary>
/// Added to GET requests only: refuses a document that passes a <c>token</c> argument anywhere, selected operation or
/// not, because the whole document is in the URL, and proxies, server logs and browser history keep URLs.
/// </summary>
internal sealed class NoTokensOverGetRule : ValidationRuleBase
{
    private const string ArgumentName = "token";

    public static NoTokensOverGetRule Instance { get; } = new();

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(new MatchingNodeVisitor<GraphQLArgument>((argument, ctx) =>
        {
            if (argument.Name.Value.Span.SequenceEqual(ArgumentName))
            {
                ctx.ReportError(new PostOnlyError(
                    $"A {ArgumentName} must not travel in a URL, where logs and browser history keep it; send this request with POST, the token in its body or variables."));
            }
        }));
}
