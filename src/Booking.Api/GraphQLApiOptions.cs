namespace Booking.Api;

/// <summary>Request limits of the GraphQL endpoint, and its IDE. Bound from the <c>GraphQL</c> configuration section.</summary>
public sealed class GraphQLApiOptions
{
    public const string SectionName = "GraphQL";

    /// <summary>Larger POST bodies are refused with 413 before they are parsed.</summary>
    public int MaxRequestBytes { get; set; } = 64 * 1024;

    /// <summary>How deeply fields may nest; the schema's deepest useful query is 2.</summary>
    public int MaxDepth { get; set; } = 10;

    /// <summary>GraphQL.NET's complexity score above which a document is refused: 1 per field, the fields of a list's
    /// items once per item of the page it returns (<c>first</c>, else <see cref="DefaultPageSize"/>); introspection
    /// counts too, at a fraction, since it reads only the schema in memory.</summary>
    public int MaxComplexity { get; set; } = 2000;

    /// <summary>How deeply a document of introspection alone may nest (GraphiQL's own query is 15 deep); any other
    /// document is held to <see cref="MaxDepth"/>. Both are costed against <see cref="MaxComplexity"/>.</summary>
    public int MaxIntrospectionDepth { get; set; } = 15;

    /// <summary>The most root fields one operation may select, fragments expanded and aliases each counted: every root
    /// field runs a resolver of its own, most of them a read of the store, so many aliases of a cheap field are not cheap.</summary>
    public int MaxRootFields { get; set; } = 20;

    /// <summary>Items in a page of a list (<c>apartments</c>, <c>reservations</c>, <c>getStepFunctions</c>) when the
    /// client does not ask with <c>first</c>.</summary>
    public int DefaultPageSize { get; set; } = 100;

    /// <summary>The most items a client may ask for in one page; a larger <c>first</c> is refused. The complexity
    /// limit counts <c>first</c> too (items × fields), so a page this size of every field stays under its default.</summary>
    public int MaxPageSize { get; set; } = 250;

    /// <summary>Serve the GraphiQL IDE to a browser that opens the endpoint (GET with Accept: text/html). Off unless
    /// turned on: the local host's appsettings.json and local.settings.sample.json turn it on for developers.</summary>
    public bool EnableGraphiQL { get; set; }

    /// <summary>Run only the documents of <see cref="TrustedDocumentsFile"/>, the ones the app's clients ship, sent by
    /// hash (Apollo's persisted queries) or in full; anything else is refused before it is parsed.</summary>
    public bool TrustedDocumentsOnly { get; set; }

    /// <summary>A persisted query manifest (<c>apollo-persisted-query-manifest</c> JSON) of the trusted documents.
    /// Needed with <see cref="TrustedDocumentsOnly"/>; without it, documents are still persisted as clients send them.</summary>
    public string? TrustedDocumentsFile { get; set; }
}
