using System.Text.Json.Nodes;

namespace Booking.Infrastructure.Tests;

public sealed class ParametersFileTests
{
    private const string AccessKeyId = "AKIATESTONLY00000000";
    private const string SecretAccessKey = "test-only-secret-from-the-environment";
    private const string WebhookSecret = "test-only-webhook-secret-0000";

    [Fact]
    public async Task Parameters_file_builds_with_the_aws_keys_and_the_webhook_secret_taken_from_the_environment()
    {
        var build = await BicepCli.RunAsync(
            ["build-params", InfraPaths.Parameters, "--stdout"],
            new Dictionary<string, string?>
            {
                ["AWS_ACCESS_KEY_ID"] = AccessKeyId,
                ["AWS_SECRET_ACCESS_KEY"] = SecretAccessKey,
                ["PAYMENT_WEBHOOK_SECRET"] = WebhookSecret,
            });

        Assert.True(build.ExitCode == 0 && build.StandardError.Length == 0, build.ToString());
        var parameters = JsonNode.Parse((string)JsonNode.Parse(build.StandardOutput)!["parametersJson"]!)!["parameters"];
        Assert.Equal(AccessKeyId, (string?)parameters?["awsAccessKeyId"]?["value"]);
        Assert.Equal(SecretAccessKey, (string?)parameters?["awsSecretAccessKey"]?["value"]);
        Assert.Equal(WebhookSecret, (string?)parameters?["paymentWebhookSecret"]?["value"]);
    }

    [Fact]
    public async Task Parameters_file_holds_no_aws_key_so_it_cannot_build_without_them_in_the_environment()
    {
        var build = await BicepCli.RunAsync(["build-params", InfraPaths.Parameters, "--stdout"]);

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("\"AWS_ACCESS_KEY_ID\"", build.StandardError, StringComparison.Ordinal);
        Assert.Contains("\"AWS_SECRET_ACCESS_KEY\"", build.StandardError, StringComparison.Ordinal);
        Assert.Contains("\"PAYMENT_WEBHOOK_SECRET\"", build.StandardError, StringComparison.Ordinal);
    }
}
