using System.Text.Json;
using System.Text.Unicode;
using Booking.Api.Errors;
using GraphQL;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Booking.Api.Http;

/// <summary>
/// Reads the GraphQL-over-HTTP parameters from a GET query string or a POST application/json body, refusing anything
/// that is not a well-formed request with the status the specification gives it.
/// </summary>
internal sealed class GraphQLRequestReader(IGraphQLTextSerializer serializer)
{
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 64 };

    public async Task<(GraphQLHttpRequest? Request, HttpProblem? Problem)> ReadPostAsync(HttpRequest request, int maxBytes)
    {
        if (ContentTypeProblem(request.ContentType) is { } unsupported)
        {
            return (null, unsupported);
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        var body = await ReadBodyAsync(request.Body, maxBytes, request.HttpContext.RequestAborted);
        if (body is null)
        {
            return (null, TooLarge(maxBytes));
        }

        // The JSON reader leaves string contents unchecked until they are read, so bytes that are not UTF-8 would
        // surface later as an exception outside the JSON error handling.
        if (!Utf8.IsValid(body))
        {
            return (null, BadRequest("The request body is not valid UTF-8; send JSON encoded as UTF-8."));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, JsonOptions);
        }
        catch (JsonException e)
        {
            return (null, BadRequest($"The request body is not valid JSON: {e.Message}"));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, BadRequest($"The request body must be a JSON object such as {{\"query\": \"{{ __typename }}\"}}; got {Describe(root)}."));
            }

            var (variables, variablesProblem) = ReadMap(root, "variables");
            var (extensions, extensionsProblem) = ReadMap(root, "extensions");
            var hasQuery = root.TryGetProperty("query", out var query) && query.ValueKind != JsonValueKind.Null;
            if (!hasQuery && !PersistedQueries.IsNamedIn(extensions))
            {
                return (null, BadRequest("The request has no 'query'; send the GraphQL document as a string in 'query'."));
            }

            if (hasQuery && query.ValueKind != JsonValueKind.String)
            {
                return (null, BadRequest($"'query' must be a string holding the GraphQL document; got {Describe(query)}."));
            }

            string? operationName = null;
            if (root.TryGetProperty("operationName", out var name) && name.ValueKind != JsonValueKind.Null)
            {
                if (name.ValueKind != JsonValueKind.String)
                {
                    return (null, BadRequest($"'operationName' must be a string or null; got {Describe(name)}."));
                }

                operationName = name.GetString();
            }

            if ((variablesProblem ?? extensionsProblem) is { } problem)
            {
                return (null, problem);
            }

            return (new GraphQLHttpRequest(hasQuery ? query.GetString() : null, string.IsNullOrEmpty(operationName) ? null : operationName, variables, extensions), null);
        }
    }

    public (GraphQLHttpRequest? Request, HttpProblem? Problem) ReadGet(IQueryCollection parameters)
    {
        if (Single(parameters, "query", out var query) is { } queryProblem)
        {
            return (null, queryProblem);
        }

        var operationNameProblem = Single(parameters, "operationName", out var operationName);
        var variablesTextProblem = Single(parameters, "variables", out var variablesText);
        var extensionsTextProblem = Single(parameters, "extensions", out var extensionsText);
        if ((operationNameProblem ?? variablesTextProblem ?? extensionsTextProblem) is { } problem)
        {
            return (null, problem);
        }

        var (variables, variablesProblem) = ParseMap("variables", variablesText);
        var (extensions, extensionsProblem) = ParseMap("extensions", extensionsText);
        if (query is null && extensionsProblem is null && !PersistedQueries.IsNamedIn(extensions))
        {
            return (null, BadRequest("The request has no 'query' parameter; put the GraphQL document in ?query=…, or POST it as JSON."));
        }

        if ((variablesProblem ?? extensionsProblem) is { } mapProblem)
        {
            return (null, mapProblem);
        }

        // The specification makes an empty optional parameter the same as an absent one.
        return (new GraphQLHttpRequest(query, string.IsNullOrEmpty(operationName) ? null : operationName, variables, extensions), null);
    }

    private (Inputs? Map, HttpProblem? Problem) ParseMap(string name, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(text, JsonOptions);
            return ToMap(name, document.RootElement);
        }
        catch (JsonException e)
        {
            return (null, BadRequest($"'{name}' must be a JSON object; it is not valid JSON: {e.Message}"));
        }
    }

    private (Inputs? Map, HttpProblem? Problem) ReadMap(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? ToMap(name, value) : (null, null);

    private (Inputs? Map, HttpProblem? Problem) ToMap(string name, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return (null, BadRequest($"'{name}' must be a JSON object (or null); got {Describe(value)}."));
        }

        try
        {
            return (serializer.ReadNode<Inputs>(value), null);
        }
        catch (Exception e) when (e is JsonException or FormatException or OverflowException or InvalidOperationException or NotSupportedException)
        {
            return (null, BadRequest($"'{name}' could not be read: {e.Message}"));
        }
    }

    private static HttpProblem? Single(IQueryCollection parameters, string name, out string? value)
    {
        var values = parameters.TryGetValue(name, out var found) ? found : StringValues.Empty;
        value = values.Count == 1 ? values[0] : null;
        return values.Count > 1 ? BadRequest($"The '{name}' parameter was given {values.Count} times; give it once.") : null;
    }

    private static HttpProblem? ContentTypeProblem(string? contentType)
    {
        const string expected = "Send the request body as JSON with 'Content-Type: application/json' (UTF-8)";
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return new HttpProblem(StatusCodes.Status415UnsupportedMediaType, ApiErrorCodes.UnsupportedMediaType, $"{expected}; the request had no Content-Type.");
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || !mediaType.MediaType.Equals(GraphQLMediaTypes.Json, StringComparison.OrdinalIgnoreCase))
        {
            return new HttpProblem(StatusCodes.Status415UnsupportedMediaType, ApiErrorCodes.UnsupportedMediaType, $"{expected}; got '{contentType}'.");
        }

        var charset = mediaType.Charset;
        return charset.HasValue && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            ? new HttpProblem(StatusCodes.Status415UnsupportedMediaType, ApiErrorCodes.UnsupportedMediaType, $"{expected}; charset '{charset}' is not supported.")
            : null;
    }

    /// <summary>Reads at most <paramref name="maxBytes"/>; null when the body is longer, whatever Content-Length said.</summary>
    private static async Task<byte[]?> ReadBodyAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[Math.Min(maxBytes + 1, 16 * 1024)];
        using var content = new MemoryStream();
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (content.Length + read > maxBytes)
            {
                return null;
            }

            content.Write(buffer, 0, read);
        }

        return content.ToArray();
    }

    private static HttpProblem TooLarge(int maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, ApiErrorCodes.PayloadTooLarge, $"The request body is larger than {maxBytes} bytes; send a smaller document or fewer variables.");

    private static HttpProblem BadRequest(string message) => new(StatusCodes.Status400BadRequest, ApiErrorCodes.BadRequest, message);

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
