using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Booking.Api.Errors;
using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using Microsoft.Extensions.Options;

namespace Booking.Api.Http;

/// <summary>
/// Persisted documents, as Apollo's automatic persisted queries protocol has them: a client sends
/// <c>extensions.persistedQuery.sha256Hash</c> without the document; an unknown hash is answered
/// <c>PERSISTED_QUERY_NOT_FOUND</c>, and the client sends the document once with its hash, which registers it (kept
/// per instance, bounded: a forgotten one only costs that client one more round trip). With
/// <see cref="GraphQLHttpOptions.TrustedDocumentsOnly"/> only the documents of the configured manifest run, by hash or
/// in full, and nothing registers.
/// </summary>
public sealed class PersistedQueries(IOptions<GraphQLHttpOptions> httpOptions) : IConfigureExecution
{
    public const string NotFound = "PERSISTED_QUERY_NOT_FOUND";

    public const string NotTrusted = "PERSISTED_QUERY_NOT_TRUSTED";

    private const string Extension = "persistedQuery";

    // Registered documents kept per instance; beyond this many, new ones are not kept (their clients send them in full).
    private const int MaxRegistered = 10_000;

    private readonly ConcurrentDictionary<string, string> registered = new(StringComparer.Ordinal);

    private readonly IReadOnlyDictionary<string, string> trusted = httpOptions.Value.TrustedDocuments;

    private readonly bool trustedOnly = httpOptions.Value.TrustedDocumentsOnly;

    // Before the document cache and execution: it decides which document the request is.
    public float SortOrder => 250;

    /// <summary>True when the request's extensions name a persisted document, so it may come without one.</summary>
    public static bool IsNamedIn(Inputs? extensions) => HashIn(extensions) is not null;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        var hash = HashIn(options.Extensions);
        if (hash is null)
        {
            return trustedOnly && (options.Query is null || !trusted.ContainsKey(HashOf(options.Query)))
                ? Refuse(NotTrusted, "Only the documents this API trusts run here; send a persisted document's hash in extensions.persistedQuery.sha256Hash.")
                : await next(options);
        }

        if (options.Query is null)
        {
            if (!trusted.TryGetValue(hash, out var known) && (trustedOnly || !registered.TryGetValue(hash, out known)))
            {
                return trustedOnly
                    ? Refuse(NotTrusted, $"No trusted document has the hash '{hash}'.")
                    : Refuse(NotFound, "PersistedQueryNotFound");
            }

            options.Query = known;
            return await next(options);
        }

        if (!string.Equals(HashOf(options.Query), hash, StringComparison.Ordinal))
        {
            return Refuse(ApiErrorCodes.BadRequest, "extensions.persistedQuery.sha256Hash is not the SHA-256 of the query; send the hash of the document as sent.");
        }

        if (trustedOnly && !trusted.ContainsKey(hash))
        {
            return Refuse(NotTrusted, $"No trusted document has the hash '{hash}'.");
        }

        if (registered.Count < MaxRegistered)
        {
            registered.TryAdd(hash, options.Query);
        }

        return await next(options);
    }

    /// <summary>The lowercase hex SHA-256 of a document's text, as clients compute it.</summary>
    public static string HashOf(string document) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));

    private static string? HashIn(Inputs? extensions) =>
        extensions is not null
        && extensions.TryGetValue(Extension, out var value)
        && value is IReadOnlyDictionary<string, object?> persisted
        && persisted.TryGetValue("sha256Hash", out var hash)
        && hash is string { Length: 64 } text
        && text.All(char.IsAsciiHexDigitLower)
            ? text
            : null;

    private static ExecutionResult Refuse(string code, string message) =>
        new() { Errors = [new PersistedQueryError(message) { Code = code }] };

    /// <summary>A request error: the document to run could not be decided, so nothing ran (400).</summary>
    private sealed class PersistedQueryError(string message) : ValidationError(message);
}
