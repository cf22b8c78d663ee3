using Microsoft.Extensions.Options;

namespace Booking.LocalHost.Security;

/// <summary>Fails start-up on an origin a browser could never send: an origin is a scheme, host and port, nothing
/// more.</summary>
public sealed class CorsOptionsValidator : IValidateOptions<CorsOptions>
{
    public ValidateOptionsResult Validate(string? name, CorsOptions options)
    {
        var wrong = options.Origins
            .Where(origin => origin != "*"
                && !(Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                    && uri.Scheme is "http" or "https"
                    && uri.GetLeftPart(UriPartial.Authority) == origin.TrimEnd('/')
                    && !origin.EndsWith('/')))
            .ToList();
        return wrong.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{CorsOptions.SectionName}:{nameof(CorsOptions.AllowedOrigins)} must list origins such as http://localhost:3000 (scheme, host and port; no path), or *; got {string.Join(", ", wrong.Select(o => $"'{o}'"))}.");
    }
}
