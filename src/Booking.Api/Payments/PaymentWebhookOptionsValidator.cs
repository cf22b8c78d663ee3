using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Booking.Api.Payments;

/// <summary>Fails start-up with a message that names the offending setting.</summary>
public sealed class PaymentWebhookOptionsValidator(IHostEnvironment environment) : IValidateOptions<PaymentWebhookOptions>
{
    /// <summary>The secret the local settings and the README's signing example share: anyone can sign with it, so only
    /// a developer's machine (the Development environment) may use it.</summary>
    private const string LocalDevelopmentSecret = "local-development-webhook-secret";

    public ValidateOptionsResult Validate(string? name, PaymentWebhookOptions options)
    {
        var failures = new List<string>();
        const string section = PaymentWebhookOptions.SectionName;
        if (options.SignatureTolerance <= TimeSpan.Zero || options.SignatureTolerance > TimeSpan.FromHours(1))
        {
            failures.Add($"{section}:{nameof(options.SignatureTolerance)} must be more than zero and at most 01:00:00.");
        }

        if (options.WebhookSecret == LocalDevelopmentSecret && !environment.IsDevelopment())
        {
            failures.Add($"{section}:{nameof(options.WebhookSecret)} is the published local development secret, which anyone can sign with; this host runs as '{environment.EnvironmentName}', not Development: set a secret of your own, or none to refuse every webhook.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
