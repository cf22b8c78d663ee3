namespace Booking.Api.Http;

/// <summary>What the GraphQL-over-HTTP transport needs to know of its application: set by the application when it
/// registers the transport.</summary>
public sealed class GraphQLHttpOptions
{
    /// <summary>Larger POST bodies are refused with 413 before they are parsed.</summary>
    public int MaxRequestBytes { get; set; } = 64 * 1024;

    /// <summary>Serve the GraphiQL IDE to a browser that opens the endpoint.</summary>
    public bool EnableGraphiQL { get; set; }

    /// <summary>Arguments that carry secrets, refused over GET because URLs end up in logs.</summary>
    public IReadOnlyCollection<string> PostOnlyArguments { get; set; } = [];

    /// <summary>Run only the documents of <see cref="TrustedDocuments"/>: the ones the application's clients ship.</summary>
    public bool TrustedDocumentsOnly { get; set; }

    /// <summary>Documents by the lowercase hex SHA-256 of their text.</summary>
    public IReadOnlyDictionary<string, string> TrustedDocuments { get; set; } = new Dictionary<string, string>();
}
