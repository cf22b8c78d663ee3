using Booking.Core.Validation;

namespace Booking.Api.Paging;

/// <summary>The <c>first</c> and <c>after</c> arguments of a list, checked against the configured page sizes.</summary>
public sealed record PageRequest(int First, string? After)
{
    public const int MaxTokenLength = 1024;

    public static PageRequest From(int? first, string? after, GraphQLApiOptions options)
    {
        var size = first ?? options.DefaultPageSize;
        if (size < 1 || size > options.MaxPageSize)
        {
            throw new InputValidationException("first", $"first is invalid: it must be between 1 and {options.MaxPageSize}; got {size}.");
        }

        if (after is { Length: 0 or > MaxTokenLength })
        {
            throw new InputValidationException("after", PageCursor.NotOurs);
        }

        return new PageRequest(size, after);
    }
}
