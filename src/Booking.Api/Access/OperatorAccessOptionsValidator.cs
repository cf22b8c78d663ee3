using Microsoft.Extensions.Options;

namespace Booking.Api.Access;

/// <summary>Fails start-up with a message that names the offending setting.</summary>
public sealed class OperatorAccessOptionsValidator : IValidateOptions<OperatorAccessOptions>
{
    /// <summary>Short enough to type, long enough not to be guessed by trying.</summary>
    public const int MinKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, OperatorAccessOptions options)
    {
        const string section = OperatorAccessOptions.SectionName;
        // Empty counts as unset: the Azure template writes an empty setting when no operator key is deployed.
        if (options.OperatorKey is { Length: > 0 } key && key.Length < MinKeyLength)
        {
            return ValidateOptionsResult.Fail($"{section}:{nameof(options.OperatorKey)} must be at least {MinKeyLength} characters; got {key.Length}.");
        }

        return !string.IsNullOrEmpty(options.OperatorKey) && options.OperatorFieldsWithoutKey
            ? ValidateOptionsResult.Fail($"{section}:{nameof(options.OperatorFieldsWithoutKey)} must be false when {section}:{nameof(options.OperatorKey)} is set: with a key, operator fields need it.")
            : ValidateOptionsResult.Success;
    }
}
