namespace Booking.Infrastructure.Tests;

/// <summary>Every setting the app reads (local.settings.sample.json) is configured by the template, or is listed in
/// <see cref="AzureSettings.NotAppSettingsInAzure"/> with the reason and checked in its Azure form.</summary>
public sealed class AppSettingsTests(MainTemplate main) : IClassFixture<MainTemplate>
{
    public static TheoryData<string> RequiredAppSettings() => new(AzureSettings.RequiredAppSettings);

    [Theory]
    [MemberData(nameof(RequiredAppSettings))]
    public void Setting_the_app_reads_is_an_app_setting_of_the_function_app(string name)
    {
        Assert.Contains(name, main.Compiled.AppSettings.Keys);
    }

    [Theory]
    [InlineData("DynamoDb__ReservationsTableName", "[parameters('dynamoDbReservationsTableName')]", "dynamoDbReservationsTableName", "\"Reservations\"")]
    [InlineData("Reservation__HistoryRetention", "[parameters('historyRetention')]", "historyRetention", "\"30.00:00:00\"")]
    [InlineData("Reservation__HistoryPurgeSchedule", "[parameters('historyPurgeSchedule')]", "historyPurgeSchedule", "\"0 30 * * * *\"")]
    [InlineData("Reservation__MaxActiveHoldsPerClient", "[string(parameters('maxActiveHoldsPerClient'))]", "maxActiveHoldsPerClient", "5")]
    [InlineData("Reservation__MaxReservationsPerClientPerMinute", "[string(parameters('maxReservationsPerClientPerMinute'))]", "maxReservationsPerClientPerMinute", "30")]
    [InlineData("Reservation__MaxClientPaymentWindow", "[parameters('maxClientPaymentWindow')]", "maxClientPaymentWindow", "\"00:30:00\"")]
    [InlineData("Reservation__TrustForwardedFor", "[string(parameters('trustForwardedFor'))]", "trustForwardedFor", "true")]
    public void Setting_comes_from_its_parameter_whose_default_is_the_apps(string name, string value, string parameter, string defaultJson)
    {
        Assert.Equal(value, main.Compiled.AppSettings[name]);
        Assert.Equal(defaultJson, main.Compiled.Parameter(parameter)["defaultValue"]?.ToJsonString());
    }

    [Theory]
    [InlineData("maxActiveHoldsPerClient")]
    [InlineData("maxReservationsPerClientPerMinute")]
    public void Abuse_limit_may_be_zero_to_turn_it_off_but_not_negative(string parameter)
    {
        Assert.Equal(0, (int?)main.Compiled.Parameter(parameter)["minValue"]);
    }

    [Fact]
    public void Every_exclusion_names_a_setting_the_local_sample_still_has()
    {
        // An exclusion for a setting that no longer exists would hide nothing today but mislead tomorrow.
        Assert.All(AzureSettings.NotAppSettingsInAzure.Keys, name => Assert.Contains(name, AzureSettings.SampleSettings));
    }

    [Fact]
    public void Local_only_dynamodb_endpoint_is_not_set_in_azure()
    {
        Assert.DoesNotContain("DynamoDb__ServiceUrl", main.Compiled.AppSettings.Keys);
    }

    [Fact]
    public void Worker_runtime_is_dotnet_isolated_10_in_the_flex_consumption_runtime_instead_of_an_app_setting()
    {
        var runtime = main.Compiled.FunctionApp["properties"]?["functionAppConfig"]?["runtime"];

        Assert.Equal("dotnet-isolated", (string?)runtime?["name"]);
        Assert.Equal("10.0", (string?)runtime?["version"]);
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", main.Compiled.AppSettings.Keys);
    }

    [Fact]
    public void Host_storage_is_reached_with_the_app_identity_instead_of_a_connection_string()
    {
        var settings = main.Compiled.AppSettings;

        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Contains("userAssignedIdentities", settings["AzureWebJobsStorage__clientId"], StringComparison.Ordinal);
        Assert.All(
            ["blob", "queue", "table"],
            service => Assert.Contains(
                $"primaryEndpoints.{service}", settings[$"AzureWebJobsStorage__{service}ServiceUri"], StringComparison.Ordinal));
    }

    [Fact]
    public void Application_insights_connection_string_comes_from_the_deployed_component()
    {
        Assert.Contains("Microsoft.Insights/components", main.Compiled.AppSettings["APPLICATIONINSIGHTS_CONNECTION_STRING"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_check_notices_a_setting_removed_from_the_template()
    {
        // Arrange: a copy of the template without the table name.
        var folder = Directory.CreateTempSubdirectory("booking-infra-");
        try
        {
            var source = await File.ReadAllTextAsync(InfraPaths.Template);
            var withoutTableName = source.Replace(
                """
                        {
                          name: 'DynamoDb__TableName'
                          value: dynamoDbTableName
                        }

                """,
                string.Empty,
                StringComparison.Ordinal);
            Assert.NotEqual(source, withoutTableName);
            var copy = Path.Combine(folder.FullName, "main.bicep");
            await File.WriteAllTextAsync(copy, withoutTableName);

            // Act
            var compiled = await CompiledTemplate.BuildAsync(copy);

            // Assert
            Assert.Equal(["DynamoDb__TableName"], AzureSettings.MissingFrom(compiled));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
