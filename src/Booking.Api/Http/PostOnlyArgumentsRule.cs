using GraphQL.Validation;
using GraphQLParser.AST;

namespace Booking.Api.Http;

/// <summary>
/// Added to GET requests only: refuses a document that passes one of <see cref="GraphQLHttpOptions.PostOnlyArguments"/>
/// anywhere, selected operation or not, because the whole document is in the URL, and proxies, server logs and browser
/// history keep URLs.
/// </summary>
internal sealed class PostOnlyArgumentsRule(IReadOnlyCollection<string> names) : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(new MatchingNodeVisitor<GraphQLArgument>((argument, ctx) =>
        {
            var name = argument.Name.StringValue;
            if (names.Contains(name))
            {
                ctx.ReportError(new PostOnlyError(
                    $"A {name} must not travel in a URL, where logs and browser history keep it; send this request with POST, the {name} in its body or variables."));
            }
        }));
}
