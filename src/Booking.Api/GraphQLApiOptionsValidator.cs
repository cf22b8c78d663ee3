using Microsoft.Extensions.Options;

namespace Booking.Api;

/// <summary>Fails start-up with a message that names the offending setting.</summary>
public sealed class GraphQLApiOptionsValidator : IValidateOptions<GraphQLApiOptions>
{
    /// <summary>A page is read and sorted in memory; more than this per request would be a burden, not a page.</summary>
    public const int MaxPageSizeLimit = 5000;

    public ValidateOptionsResult Validate(string? name, GraphQLApiOptions options)
    {
        var failures = new List<string>();
        const string section = GraphQLApiOptions.SectionName;
        if (options.MaxRequestBytes is < 1024 or > 16 * 1024 * 1024)
        {
            failures.Add($"{section}:{nameof(options.MaxRequestBytes)} must be between 1024 and 16777216; got {options.MaxRequestBytes}.");
        }

        if (options.MaxDepth < 2)
        {
            failures.Add($"{section}:{nameof(options.MaxDepth)} must be at least 2; got {options.MaxDepth}.");
        }

        if (options.MaxComplexity < 10)
        {
            failures.Add($"{section}:{nameof(options.MaxComplexity)} must be at least 10; got {options.MaxComplexity}.");
        }

        if (options.MaxIntrospectionDepth < options.MaxDepth)
        {
            failures.Add($"{section}:{nameof(options.MaxIntrospectionDepth)} ({options.MaxIntrospectionDepth}) must not be less than {section}:{nameof(options.MaxDepth)} ({options.MaxDepth}).");
        }

        if (options.MaxRootFields < 1)
        {
            failures.Add($"{section}:{nameof(options.MaxRootFields)} must be at least 1; got {options.MaxRootFields}.");
        }

        if (options.MaxPageSize is < 1 or > MaxPageSizeLimit)
        {
            failures.Add($"{section}:{nameof(options.MaxPageSize)} must be between 1 and {MaxPageSizeLimit}; got {options.MaxPageSize}.");
        }

        if (options.DefaultPageSize < 1 || options.DefaultPageSize > options.MaxPageSize)
        {
            failures.Add($"{section}:{nameof(options.DefaultPageSize)} must be between 1 and {section}:{nameof(options.MaxPageSize)} ({options.MaxPageSize}); got {options.DefaultPageSize}.");
        }

        if (options.TrustedDocumentsOnly && string.IsNullOrWhiteSpace(options.TrustedDocumentsFile))
        {
            failures.Add($"{section}:{nameof(options.TrustedDocumentsOnly)} needs {section}:{nameof(options.TrustedDocumentsFile)}, the manifest of the documents to trust.");
        }

        if (!string.IsNullOrWhiteSpace(options.TrustedDocumentsFile))
        {
            try
            {
                Http.TrustedDocumentsManifest.Read(options.TrustedDocumentsFile);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidOperationException)
            {
                failures.Add($"{section}:{nameof(options.TrustedDocumentsFile)} could not be read: {e.Message}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
