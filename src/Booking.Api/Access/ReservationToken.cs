using System.Security.Cryptography;
using System.Text;

namespace Booking.Api.Access;

/// <summary>
/// The secret that proves a caller holds a reservation: 256 random bits, given once to the request that started the
/// reservation. The workflow keeps only its SHA-256, so neither the task hub nor its logs hold a usable token.
/// </summary>
public static class ReservationToken
{
    public const int MaxLength = 256;

    /// <summary>The name of every argument that carries a token: never sent over GET.</summary>
    public const string ArgumentName = "token";

    public static (string Token, string Hash) New()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, HashOf(token));
    }

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Compares in constant time, so timing reveals nothing of the hash.</summary>
    public static bool Matches(string? token, string? hash) =>
        token is { Length: > 0 and <= MaxLength }
        && hash is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashOf(token)), Encoding.ASCII.GetBytes(hash));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
