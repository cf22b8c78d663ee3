using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Booking.Api.Payments;

/// <summary>
/// The <c>Payment-Signature</c> header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;t&gt;.&lt;raw body&gt;"&gt;</c>.
/// The digest is compared in constant time, and a timestamp outside the tolerance is refused, so a captured webhook
/// cannot be replayed later.
/// </summary>
public static class PaymentSignature
{
    public const string Header = "Payment-Signature";

    /// <summary>The header value for <paramref name="body"/> signed at <paramref name="at"/>, as the provider sends it.</summary>
    public static string Sign(string secret, DateTimeOffset at, ReadOnlySpan<byte> body)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={timestamp},v1={Convert.ToHexStringLower(Digest(secret, timestamp, body))}";
    }

    /// <summary>Null when <paramref name="header"/> signs <paramref name="body"/> with the secret within the tolerance
    /// of <paramref name="now"/>; otherwise what is wrong with it, for the refusal.</summary>
    public static string? Check(string? header, ReadOnlySpan<byte> body, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return $"The {Header} header is missing; the payment provider signs every webhook.";
        }

        string? timestamp = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal))
            {
                timestamp = part[2..];
            }
            else if (part.StartsWith("v1=", StringComparison.Ordinal))
            {
                signatures.Add(part[3..]);
            }
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || signatures.Count == 0)
        {
            return $"The {Header} header must read t=<unix seconds>,v1=<hex HMAC-SHA256>.";
        }

        if (seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return $"The {Header} timestamp is more than {tolerance.TotalMinutes:0} minutes from now; a webhook is accepted only when it is fresh.";
        }

        var expected = Digest(secret, timestamp!, body);
        foreach (var signature in signatures)
        {
            if (signature.Length == expected.Length * 2
                && signature.All(char.IsAsciiHexDigit)
                && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(signature), expected))
            {
                return null;
            }
        }

        return $"The {Header} signature does not match the body; it must be the HMAC-SHA256 of \"<t>.<raw body>\" with the webhook secret.";
    }

    private static byte[] Digest(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }
}
