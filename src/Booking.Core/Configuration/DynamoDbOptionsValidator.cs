using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Booking.Core.Configuration;

/// <summary>Fails start-up with a message that names the offending setting.</summary>
public sealed partial class DynamoDbOptionsValidator : IValidateOptions<DynamoDbOptions>
{
    public ValidateOptionsResult Validate(string? name, DynamoDbOptions options)
    {
        var failures = new List<string>();
        const string section = DynamoDbOptions.SectionName;

        if (!string.IsNullOrEmpty(options.ServiceUrl)
            && (!Uri.TryCreate(options.ServiceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{section}:{nameof(options.ServiceUrl)} must be an absolute http(s) URL such as http://127.0.0.1:8000; got '{options.ServiceUrl}'.");
        }

        if (string.IsNullOrWhiteSpace(options.Region) || !RegionPattern().IsMatch(options.Region))
        {
            failures.Add($"{section}:{nameof(options.Region)} must be an AWS region name such as us-east-1; got '{options.Region}'.");
        }

        foreach (var (setting, table) in new[] { (nameof(options.TableName), options.TableName), (nameof(options.ReservationsTableName), options.ReservationsTableName) })
        {
            if (string.IsNullOrEmpty(table) || !TableNamePattern().IsMatch(table))
            {
                failures.Add($"{section}:{setting} must be 3 to 255 letters, digits, '_', '-' or '.' (DynamoDB's rule); got '{table}'.");
            }
        }

        if (string.Equals(options.TableName, options.ReservationsTableName, StringComparison.Ordinal))
        {
            failures.Add($"{section}:{nameof(options.ReservationsTableName)} must differ from {section}:{nameof(options.TableName)}; both are '{options.TableName}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^[A-Za-z0-9_.-]{3,255}$")]
    private static partial Regex TableNamePattern();
}
