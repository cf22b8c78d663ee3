using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Booking.Api.Access;

/// <summary>Decides, once per request, whether the caller may use the operator fields.</summary>
public sealed class OperatorAccess(IOptions<OperatorAccessOptions> options)
{
    private readonly byte[]? key = string.IsNullOrEmpty(options.Value.OperatorKey) ? null : Encoding.UTF8.GetBytes(options.Value.OperatorKey);

    private readonly bool openWithoutKey = options.Value.OperatorFieldsWithoutKey;

    /// <summary>Null when the request may use operator fields; otherwise why not, as a client should read it.</summary>
    public string? RefusalFor(HttpRequest request)
    {
        if (key is null)
        {
            return openWithoutKey
                ? null
                : $"is for operators and is turned off here: no operator key is configured ({OperatorAccessOptions.SectionName}:{nameof(OperatorAccessOptions.OperatorKey)}). Payments are confirmed by the payment provider's webhook.";
        }

        var presented = request.Headers[OperatorAccessOptions.HeaderName].ToString();
        return presented.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), key)
            ? null
            : $"is for operators: send the operator key in the {OperatorAccessOptions.HeaderName} header.";
    }
}
