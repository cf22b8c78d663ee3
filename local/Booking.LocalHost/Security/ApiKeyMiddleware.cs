using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Booking.LocalHost.Security;

/// <summary>
/// Refuses requests without the configured API key with 401 before anything else runs, so nothing changes. The key
/// is compared in constant time and never logged.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<ApiKeyOptions> options)
{
    private static readonly string[] KeyHeaders = ["x-api-key", "x-functions-key"];

    private readonly byte[]? expected = string.IsNullOrEmpty(options.Value.ApiKey) ? null : Encoding.UTF8.GetBytes(options.Value.ApiKey);

    public async Task InvokeAsync(HttpContext context)
    {
        if (expected is null || KeyHeaders.Any(header => Matches(context.Request.Headers[header].ToString())))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "ApiKey header=\"x-api-key\"";
        await context.Response.WriteAsJsonAsync(new
        {
            errors = new[]
            {
                new
                {
                    message = "A valid API key is required: send it in the x-api-key or x-functions-key header.",
                    extensions = new { code = "UNAUTHENTICATED" },
                },
            },
        });
    }

    private bool Matches(string presented) =>
        presented.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), expected);
}
