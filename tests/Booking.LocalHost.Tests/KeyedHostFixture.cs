namespace Booking.LocalHost.Tests;

/// <summary>A local host that requires an API key, has an operator key and no webhook secret, with an AWS secret in its environment
/// and debug logging, keeping all of its output so tests can search it for either secret.</summary>
public sealed class KeyedHostFixture : HostFixture
{
    public string ApiKey { get; } = "key-" + Guid.NewGuid().ToString("N");

    public string OperatorKey { get; } = "operator-" + Guid.NewGuid().ToString("N");

    public string AwsSecret { get; } = "aws-secret-" + Guid.NewGuid().ToString("N");

    protected override int KeptLines => 200_000;

    protected override void Configure(Dictionary<string, string?> environment)
    {
        environment[LocalHostProcess.ApiKeySetting] = ApiKey;
        environment["Auth__OperatorKey"] = OperatorKey;
        environment["Payments__WebhookSecret"] = string.Empty;
        environment["AWS_ACCESS_KEY_ID"] = "AKIAE2ETESTS";
        environment["AWS_SECRET_ACCESS_KEY"] = AwsSecret;
        environment["Logging__LogLevel__Default"] = "Debug";
        environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Debug";
        environment["Logging__LogLevel__DurableTask"] = "Information";
    }
}
