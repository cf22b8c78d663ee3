using System.Buffers.Text;
using System.Text.Json;
using Booking.Core.Validation;

namespace Booking.Api.Paging;

/// <summary>
/// Where a page ended, as an opaque <c>nextToken</c>: the list's name and the last item's position, base64url JSON.
/// Opaque so clients do not build their own; a forged one can only start a list somewhere else, never reveal more.
/// </summary>
internal sealed record PageCursor(string List, string Id, long? CreatedTicks = null)
{
    public const string NotOurs = "after is invalid: it is not a nextToken of this list; pass the nextToken of the previous page unchanged.";

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    public static PageCursor Decode(string token, string list)
    {
        try
        {
            var cursor = JsonSerializer.Deserialize<PageCursor>(Base64Url.DecodeFromChars(token));
            if (cursor is { Id.Length: > 0 } && cursor.List == list)
            {
                return cursor;
            }
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
        }

        throw new InputValidationException("after", NotOurs);
    }
}
