using System.Text.Json.Nodes;

namespace Booking.Infrastructure.Tests;

public sealed class MainTemplateTests(MainTemplate main) : IClassFixture<MainTemplate>
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    private CompiledTemplate Template => main.Compiled;

    [Fact]
    public void Template_builds_with_no_errors_and_no_warnings()
    {
        Assert.True(Template.Build.ExitCode == 0 && Template.Build.StandardError.Length == 0, Template.Build.ToString());
    }

    [Fact]
    public void Function_app_runs_on_a_linux_flex_consumption_plan()
    {
        var plan = Template.SingleResource("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", (string?)plan["sku"]?["name"]);
        Assert.True((bool?)plan["properties"]?["reserved"], "A Linux plan is marked reserved.");
        Assert.Equal("functionapp,linux", (string?)Template.FunctionApp["kind"]);
    }

    [Fact]
    public void Storage_account_refuses_account_keys()
    {
        var storage = Template.SingleResource("Microsoft.Storage/storageAccounts");

        Assert.False((bool?)storage["properties"]?["allowSharedKeyAccess"]);
    }

    [Fact]
    public void App_identity_holds_the_storage_roles_durable_functions_needs()
    {
        var storageAssignment = Assert.Single(
            Template.Resources("Microsoft.Authorization/roleAssignments"),
            assignment => Expression(assignment["scope"]).Contains("Microsoft.Storage/storageAccounts", StringComparison.Ordinal));

        Assert.All(
            [StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor],
            roleId => Assert.Contains($"variables('roles').{RoleVariable(roleId)}", Expression(storageAssignment["name"]), StringComparison.Ordinal));
    }

    [Fact]
    public void App_identity_can_read_key_vault_secrets_through_rbac()
    {
        var vault = Template.SingleResource("Microsoft.KeyVault/vaults");
        var vaultAssignment = Assert.Single(
            Template.Resources("Microsoft.Authorization/roleAssignments"),
            assignment => Expression(assignment["scope"]).Contains("Microsoft.KeyVault/vaults", StringComparison.Ordinal));

        Assert.True((bool?)vault["properties"]?["enableRbacAuthorization"]);
        Assert.Contains($"variables('roles').{RoleVariable(KeyVaultSecretsUser)}", Expression(vaultAssignment["properties"]?["roleDefinitionId"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AWS_ACCESS_KEY_ID", "aws-access-key-id")]
    [InlineData("AWS_SECRET_ACCESS_KEY", "aws-secret-access-key")]
    [InlineData("Payments__WebhookSecret", "payment-webhook-secret")]
    public void Secret_reaches_the_app_only_as_a_key_vault_reference(string setting, string secretName)
    {
        var value = Template.AppSettings[setting];

        Assert.StartsWith("[", value, StringComparison.Ordinal);
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", value, StringComparison.Ordinal);
        Assert.Contains($"'Microsoft.KeyVault/vaults/secrets', variables('keyVaultName'), '{secretName}'", value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("aws-access-key-id", "awsAccessKeyId", "[parameters('awsAccessKeyId')]")]
    [InlineData("aws-secret-access-key", "awsSecretAccessKey", "[parameters('awsSecretAccessKey')]")]
    [InlineData(
        "payment-webhook-secret",
        "paymentWebhookSecret",
        "[if(not(equals(parameters('paymentWebhookSecret'), variables('localWebhookSecret'))), parameters('paymentWebhookSecret'), fail(")]
    public void Secret_holds_a_secure_parameter_without_default(string secretName, string parameter, string valueStart)
    {
        var secret = Assert.Single(
            Template.Resources("Microsoft.KeyVault/vaults/secrets"),
            resource => Expression(resource["name"]).Contains($"'{secretName}'", StringComparison.Ordinal));
        var declaration = Template.Json["parameters"]?[parameter];

        Assert.StartsWith(valueStart, Expression(secret["properties"]?["value"]), StringComparison.Ordinal);
        Assert.Equal("securestring", (string?)declaration?["type"]);
        Assert.Null(declaration?["defaultValue"]);
    }

    [Fact]
    public void Operator_key_is_off_by_default_and_reaches_the_app_only_as_a_key_vault_reference_when_given()
    {
        var setting = Template.AppSettings["Auth__OperatorKey"];
        var declaration = Template.Json["parameters"]?["operatorKey"];
        var secret = Assert.Single(
            Template.Resources("Microsoft.KeyVault/vaults/secrets"),
            resource => Expression(resource["name"]).Contains("'operator-key'", StringComparison.Ordinal));

        Assert.Equal("securestring", (string?)declaration?["type"]);
        Assert.Equal(string.Empty, (string?)declaration?["defaultValue"]);
        Assert.StartsWith("[if(empty(parameters('operatorKey')), '',", setting, StringComparison.Ordinal);
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", setting, StringComparison.Ordinal);
        Assert.Contains("secrets/operator-key", setting, StringComparison.Ordinal);
        Assert.Equal("[not(empty(parameters('operatorKey')))]", Expression(secret["condition"]));
        Assert.False(Template.AppSettings.ContainsKey("Auth__OperatorFieldsWithoutKey"), "Azure must never open the operator fields without a key.");
    }

    [Fact]
    public void Outputs_give_the_function_app_name_and_the_graphql_endpoint()
    {
        var outputs = Template.Json["outputs"];

        Assert.Equal("[variables('functionAppName')]", Expression(outputs?["functionAppName"]?["value"]));
        var url = Expression(outputs?["graphqlUrl"]?["value"]);
        Assert.Contains("'https://{0}/api/graphql'", url, StringComparison.Ordinal);
        Assert.Contains("defaultHostName", url, StringComparison.Ordinal);
    }

    [Fact]
    public void Outputs_name_the_application_insights_component_and_the_key_vault_that_the_deploy_guide_asks_for()
    {
        var outputs = Template.Json["outputs"];

        Assert.Equal("[format('{0}-appi-{1}', parameters('namePrefix'), variables('suffix'))]", Expression(outputs?["applicationInsightsName"]?["value"]));
        Assert.Equal("[variables('keyVaultName')]", Expression(outputs?["keyVaultName"]?["value"]));
    }

    [Fact]
    public void Task_hub_name_is_checked_for_letters_and_digits_before_it_reaches_the_app()
    {
        var taskHub = Template.AppSettings["TaskHubName"];
        var check = Expression(Template.Json["variables"]?["taskHubNameIsValid"]);

        Assert.StartsWith("[if(variables('taskHubNameIsValid'), parameters('taskHubName'), fail(", taskHub, StringComparison.Ordinal);
        Assert.Contains("letters and digits", taskHub, StringComparison.Ordinal);
        Assert.Contains("first(parameters('taskHubName'))", check, StringComparison.Ordinal);
        Assert.Contains("0123456789", check, StringComparison.Ordinal);
    }

    [Fact]
    public void Sweeper_schedule_is_an_ncrontab_app_setting_because_flex_consumption_runs_no_timespan_schedules()
    {
        Assert.Equal("[parameters('sweepSchedule')]", Template.AppSettings["Reservation__SweepSchedule"]);
        Assert.Equal("0 * * * * *", (string?)Template.Json["parameters"]?["sweepSchedule"]?["defaultValue"]);
    }

    [Fact]
    public void In_Azure_GraphiQL_is_off_and_no_browser_origin_is_allowed_unless_a_parameter_says_so()
    {
        var parameters = Template.Json["parameters"];
        var cors = Template.FunctionApp["properties"]?["siteConfig"]?["cors"];

        Assert.Equal("[string(parameters('enableGraphiQL'))]", Template.AppSettings["GraphQL__EnableGraphiQL"]);
        Assert.False((bool?)parameters?["enableGraphiQL"]?["defaultValue"]);
        Assert.Equal("[parameters('corsAllowedOrigins')]", Expression(cors?["allowedOrigins"]));
        Assert.Empty(parameters?["corsAllowedOrigins"]?["defaultValue"]?.AsArray() ?? [null]);
        Assert.False((bool?)cors?["supportCredentials"]);
    }

    [Fact]
    public void Application_insights_keeps_its_data_in_log_analytics()
    {
        var component = Template.SingleResource("Microsoft.Insights/components");

        Assert.Contains("Microsoft.OperationalInsights/workspaces", Expression(component["properties"]?["WorkspaceResourceId"]), StringComparison.Ordinal);
    }

    private static string Expression(JsonNode? node) => CompiledTemplate.Text(node);

    private string RoleVariable(string roleId)
    {
        var roles = Template.Json["variables"]?["roles"]?.AsObject() ?? [];
        return Assert.Single(roles, role => (string?)role.Value == roleId).Key;
    }
}
