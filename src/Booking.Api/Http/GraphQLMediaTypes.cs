using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Booking.Api.Http;

/// <summary>The media types of GraphQL over HTTP, and content negotiation between them.</summary>
public static class GraphQLMediaTypes
{
    public const string GraphQLResponseJson = "application/graphql-response+json";

    public const string Json = "application/json";

    /// <summary>
    /// Picks the response media type from an Accept header: the supported type with the highest quality, where the most
    /// specific matching range sets a type's quality. On a tie, the type the client named wins over one it only matched
    /// with a wildcard; when it named both, the spec's own type wins; when it named neither (<c>*/*</c>,
    /// <c>application/*</c>), application/json wins, as GraphQL over HTTP asks, because a client that names nothing may
    /// be a legacy one. No (or an unreadable) Accept header means application/json too. Null means nothing supported is
    /// acceptable (406).
    /// </summary>
    public static string? Negotiate(StringValues accept)
    {
        if (StringValues.IsNullOrEmpty(accept) || accept.All(string.IsNullOrWhiteSpace))
        {
            return Json;
        }

        if (!MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0)
        {
            return Json;
        }

        var (spec, specNamed) = QualityOf(GraphQLResponseJson, ranges);
        var (json, _) = QualityOf(Json, ranges);
        if (spec <= 0 && json <= 0)
        {
            return null;
        }

        if (spec != json)
        {
            return spec > json ? GraphQLResponseJson : Json;
        }

        return specNamed ? GraphQLResponseJson : Json;
    }

    /// <summary>The quality the client gives <paramref name="candidate"/>, and whether it named the type itself rather than
    /// matching it with a wildcard.</summary>
    private static (double Quality, bool Named) QualityOf(string candidate, IList<MediaTypeHeaderValue> ranges)
    {
        var slash = candidate.IndexOf('/', StringComparison.Ordinal);
        var type = candidate.AsSpan(0, slash);
        var subType = candidate.AsSpan(slash + 1);

        var specificity = -1;
        var quality = 0.0;
        foreach (var range in ranges)
        {
            int rangeSpecificity;
            if (range.MatchesAllTypes)
            {
                rangeSpecificity = 0;
            }
            else if (!range.Type.AsSpan().Equals(type, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            else if (range.MatchesAllSubTypes)
            {
                rangeSpecificity = 1;
            }
            else if (range.SubType.AsSpan().Equals(subType, StringComparison.OrdinalIgnoreCase))
            {
                rangeSpecificity = 2;
            }
            else
            {
                continue;
            }

            if (rangeSpecificity > specificity)
            {
                specificity = rangeSpecificity;
                quality = range.Quality ?? 1.0;
            }
        }

        return (quality, specificity == 2);
    }
}
