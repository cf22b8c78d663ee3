using System.Collections.Concurrent;
using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;

namespace Booking.Api.Http;

/// <summary>
/// Keeps documents that parsed and validated, by their text, so a repeated document is not parsed again. The rules
/// that depend on the request (who sends it, GET or POST, its variables) are registered for cached documents too
/// (<see cref="ExecutionOptions.CachedDocumentValidationRules"/>), so a cached document is refused exactly when it
/// would be without the cache.
/// </summary>
public sealed class DocumentCache : IConfigureExecution
{
    // Distinct documents kept; beyond this many the cache starts over, so a flood of unique documents costs memory once.
    private const int MaxDocuments = 1_000;

    private readonly ConcurrentDictionary<string, GraphQLDocument> documents = new(StringComparer.Ordinal);

    // After the persisted queries, which decide the document's text.
    public float SortOrder => 260;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Document is not null || options.Query is not { } text)
        {
            return await next(options);
        }

        if (documents.TryGetValue(text, out var cached))
        {
            options.Document = cached;
            return await next(options);
        }

        var result = await next(options);
        if (result.Executed && result.Document is { } validated)
        {
            if (documents.Count >= MaxDocuments)
            {
                documents.Clear();
            }

            documents.TryAdd(text, validated);
        }

        return result;
    }
}
