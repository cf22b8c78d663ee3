namespace Booking.Api;

/// <summary>Request limits of the GraphQL endpoint, and its IDE. Bound from the <c>GraphQL</c> configuration section.</summary>
public sealed class GraphQLApiOptions
{
    public const string SectionName = "GraphQL";

    /// <summary>Larger POST bodies are refused with 413 before they are parsed.</summary>
    public int MaxRequestBytes { get; set; } = 64 * 1024;

    /// <summary>How deeply fields may nest; the schema's deepest useful query is 2.</summary>
    public int MaxDepth { get; set; } = 10;

    /// <summary>GraphQL.NET's complexity score (1 per field, lists ×20) above which a document is refused.</summary>
    public int MaxComplexity { get; set; } = 2000;

    /// <summary>Introspection (GraphiQL's query is 13 deep) is exempt from the complexity score but not from this.</summary>
    public int MaxIntrospectionDepth { get; set; } = 15;

    /// <summary>Items in a page of a list (<c>apartments</c>, <c>reservations</c>, <c>getStepFunctions</c>) when the
    /// client does not ask with <c>first</c>.</summary>
    public int DefaultPageSize { get; set; } = 100;

    /// <summary>The most items a client may ask for in one page; a larger <c>first</c> is refused. The complexity
    /// limit counts <c>first</c> too (items × fields), so a page this size of every field stays under its default.</summary>
    public int MaxPageSize { get; set; } = 250;

    /// <summary>Serve the GraphiQL IDE to a browser that opens the endpoint (GET with Accept: text/html). On for
    /// developers; the Azure template turns it off.</summary>
    public bool EnableGraphiQL { get; set; } = true;
}
