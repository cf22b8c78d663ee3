using System.Buffers.Text;
using System.Text.Json;
using Booking.Core.Validation;

namespace Booking.Api.Paging;

/// <summary>
/// Where a page ended, as an opaque <c>nextToken</c>: the list's name, the scope it lists (an apartment, or all), and
/// the last item's id and creation time, base64url JSON. Opaque so clients do not build their own; every field is
/// checked on the way back in, so a forged one can only start its own list somewhere else, never fail or reveal more.
/// </summary>
internal sealed record PageCursor(string List, string Id, string? Scope = null, DateTimeOffset? CreatedAt = null)
{
    public const string NotOurs = "after is invalid: it is not a nextToken of this list; pass the nextToken of the previous page unchanged.";

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    public static PageCursor Decode(string token, string list, string? scope = null)
    {
        try
        {
            var cursor = JsonSerializer.Deserialize<PageCursor>(Base64Url.DecodeFromChars(token));
            if (cursor is not null
                && cursor.List == list
                && cursor.Scope == scope
                && InputRules.CheckApartmentId(cursor.Id) is null)
            {
                return cursor;
            }
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
        }

        throw new InputValidationException("after", NotOurs);
    }
}
