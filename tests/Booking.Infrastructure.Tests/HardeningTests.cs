using System.Text.Json.Nodes;

namespace Booking.Infrastructure.Tests;

/// <summary>What the template switches off or locks so that only the app's identity and Entra ID sign-ins get in.</summary>
public sealed class HardeningTests(MainTemplate main) : IClassFixture<MainTemplate>
{
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private CompiledTemplate Template => main.Compiled;

    [Fact]
    public void Function_app_sets_no_ftps_state_because_flex_consumption_rejects_the_property()
    {
        // ARM refuses a Flex Consumption site whose siteConfig names FtpsState; the ftp credentials policy closes FTP.
        var siteConfig = Template.FunctionApp["properties"]?["siteConfig"]?.AsObject();

        Assert.NotNull(siteConfig);
        Assert.False(siteConfig.ContainsKey("ftpsState"));
    }

    [Theory]
    [InlineData("ftp")]
    [InlineData("scm")]
    public void Function_app_has_no_basic_publishing_credentials(string protocol)
    {
        var policy = Assert.Single(
            Template.Resources("Microsoft.Web/sites/basicPublishingCredentialsPolicies"),
            resource => CompiledTemplate.Text(resource["name"]).EndsWith($"'{protocol}')]", StringComparison.Ordinal));

        Assert.False((bool?)policy["properties"]?["allow"]);
    }

    [Fact]
    public void Application_insights_accepts_telemetry_only_from_entra_id_identities()
    {
        var component = Template.SingleResource("Microsoft.Insights/components");

        Assert.True((bool?)component["properties"]?["DisableLocalAuth"]);
    }

    [Fact]
    public void Function_app_signs_in_to_application_insights_with_its_identity_which_may_publish_metrics()
    {
        var authentication = Template.AppSettings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"];
        var assignment = Assert.Single(
            Template.Resources("Microsoft.Authorization/roleAssignments"),
            resource => CompiledTemplate.Text(resource["scope"]).Contains("Microsoft.Insights/components", StringComparison.Ordinal));
        var roleVariable = Assert.Single(
            Template.Json["variables"]?["roles"]?.AsObject() ?? [], role => (string?)role.Value == MonitoringMetricsPublisher).Key;

        Assert.StartsWith("[format('ClientId={0};Authorization=AAD', reference(", authentication, StringComparison.Ordinal);
        Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities", authentication, StringComparison.Ordinal);
        Assert.EndsWith(".clientId)]", authentication, StringComparison.Ordinal);
        Assert.Contains($"variables('roles').{roleVariable}", CompiledTemplate.Text(assignment["properties"]?["roleDefinitionId"]), StringComparison.Ordinal);
        Assert.Contains("userAssignedIdentities", CompiledTemplate.Text(assignment["properties"]?["principalId"]), StringComparison.Ordinal);
        Assert.Contains(
            Template.FunctionApp["dependsOn"]?.AsArray() ?? [],
            dependency => CompiledTemplate.Text(dependency).Contains($"'Microsoft.Authorization/roleAssignments', guid(resourceId('Microsoft.Insights/components'", StringComparison.Ordinal)
                && CompiledTemplate.Text(dependency).Contains($"variables('roles').{roleVariable}", StringComparison.Ordinal));
    }

    [Fact]
    public void Key_vault_cannot_be_purged_while_its_soft_delete_retention_lasts()
    {
        var vault = Template.SingleResource("Microsoft.KeyVault/vaults");

        Assert.True((bool?)vault["properties"]?["enableSoftDelete"]);
        Assert.True((bool?)vault["properties"]?["enablePurgeProtection"]);
    }

    [Fact]
    public void Deployment_fails_when_given_the_apps_local_development_webhook_secret()
    {
        var sample = JsonNode.Parse(File.ReadAllText(InfraPaths.LocalSettingsSample))!;
        var localDefault = (string)sample["Values"]!["Payments__WebhookSecret"]!;
        var secret = Assert.Single(
            Template.Resources("Microsoft.KeyVault/vaults/secrets"),
            resource => CompiledTemplate.Text(resource["name"]).Contains("'payment-webhook-secret'", StringComparison.Ordinal));
        var value = CompiledTemplate.Text(secret["properties"]?["value"]);

        Assert.Equal(localDefault, (string?)Template.Json["variables"]?["localWebhookSecret"]);
        Assert.StartsWith("[if(not(equals(parameters('paymentWebhookSecret'), variables('localWebhookSecret'))), ", value, StringComparison.Ordinal);
        Assert.Contains(", fail('paymentWebhookSecret is the app''s local development default;", value, StringComparison.Ordinal);
    }
}
