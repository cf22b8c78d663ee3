using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace Booking.Api.Limits;

/// <summary>
/// The root fields the selected operation runs: its own and those its fragments bring in, one per response name,
/// because GraphQL runs fields that share a response name once. Directives are not consulted: a client that wants
/// fewer fields can send fewer.
/// </summary>
internal static class RootFields
{
    public static IReadOnlyCollection<GraphQLField> Of(ValidationContext context)
    {
        var fields = new Dictionary<string, GraphQLField>(StringComparer.Ordinal);
        if (context.Operation is { } operation)
        {
            Collect(operation.SelectionSet, context.Document, fields, []);
        }

        return fields.Values;
    }

    /// <summary>Each fragment is read once, however often it is spread: that ends cycles (another rule reports them)
    /// and keeps fragments that spread each other twice over from costing more than their size.</summary>
    private static void Collect(GraphQLSelectionSet selections, GraphQLDocument document, Dictionary<string, GraphQLField> fields, HashSet<GraphQLFragmentDefinition> read)
    {
        foreach (var selection in selections.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    fields.TryAdd((field.Alias?.Name ?? field.Name).StringValue, field);
                    break;
                case GraphQLInlineFragment inline:
                    Collect(inline.SelectionSet, document, fields, read);
                    break;
                case GraphQLFragmentSpread spread when document.FindFragmentDefinition(spread.FragmentName.Name.Value) is { } fragment && read.Add(fragment):
                    Collect(fragment.SelectionSet, document, fields, read);
                    break;
            }
        }
    }
}
