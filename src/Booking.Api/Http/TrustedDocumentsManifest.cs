using System.Text.Json;

namespace Booking.Api.Http;

/// <summary>
/// Reads the documents an app ships from a persisted query manifest, the JSON Apollo's tooling writes:
/// <c>{"format": "apollo-persisted-query-manifest", "version": 1, "operations": [{"id": "&lt;sha256&gt;", "body": "…"}]}</c>.
/// Every id must be the SHA-256 of its body, so the manifest cannot name one document and run another.
/// </summary>
public static class TrustedDocumentsManifest
{
    public const string Format = "apollo-persisted-query-manifest";

    /// <summary>The documents by hash; throws <see cref="InvalidDataException"/> saying what is wrong with the file. A
    /// relative path is the app's own folder's, where a deployment puts the manifest beside the app.</summary>
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        path = Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("format", out var format) || format.GetString() != Format
            || !root.TryGetProperty("operations", out var operations) || operations.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"'{path}' is not an {Format}: it needs \"format\": \"{Format}\" and an \"operations\" array.");
        }

        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var operation in operations.EnumerateArray())
        {
            var id = operation.TryGetProperty("id", out var idValue) ? idValue.GetString() : null;
            var body = operation.TryGetProperty("body", out var bodyValue) ? bodyValue.GetString() : null;
            if (body is null || id != PersistedQueries.HashOf(body))
            {
                throw new InvalidDataException($"'{path}': operation '{id}' has no body, or its id is not the SHA-256 of its body.");
            }

            documents[id] = body;
        }

        return documents;
    }
}
