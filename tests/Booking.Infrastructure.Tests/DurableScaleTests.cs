using System.Text.Json.Nodes;

namespace Booking.Infrastructure.Tests;

/// <summary>The task hub's partition count: host.json's value, overridden per deployment by the template's parameter.</summary>
public sealed class DurableScaleTests(MainTemplate main) : IClassFixture<MainTemplate>
{
    private const string PartitionCountSetting = "AzureFunctionsJobHost__extensions__durableTask__storageProvider__partitionCount";

    [Fact]
    public void Partition_count_parameter_reaches_the_host_as_an_override_of_the_host_json_value()
    {
        var declaration = main.Compiled.Parameter("partitionCount");

        Assert.Equal("[string(parameters('partitionCount'))]", main.Compiled.AppSettings[PartitionCountSetting]);
        Assert.Equal(1, (int?)declaration["minValue"]);
        Assert.Equal(16, (int?)declaration["maxValue"]);
        Assert.Equal(4, (int?)declaration["defaultValue"]);
    }

    [Fact]
    public void Override_names_the_host_json_setting_that_holds_the_same_default()
    {
        // The host reads AzureFunctionsJobHost__a__b as host.json's a.b, so the setting's path must exist there.
        JsonNode? node = JsonNode.Parse(File.ReadAllText(InfraPaths.HostJson));
        foreach (var key in PartitionCountSetting.Split("__").Skip(1))
        {
            node = node?[key];
        }

        Assert.Equal(4, (int?)node);
        Assert.Equal((int?)main.Compiled.Parameter("partitionCount")["defaultValue"], (int?)node);
    }

    [Theory]
    [InlineData(16, true)]
    [InlineData(17, false)]
    public async Task Parameters_file_may_set_up_to_16_partitions(int partitionCount, bool builds)
    {
        var folder = Directory.CreateTempSubdirectory("booking-infra-");
        try
        {
            // Arrange: a parameters file of its own beside the repository's, for the same template.
            var file = Path.Combine(folder.FullName, "main.bicepparam");
            await File.WriteAllTextAsync(
                file,
                $"""
                using '{Path.GetRelativePath(folder.FullName, InfraPaths.Template)}'

                param awsAccessKeyId = 'AKIATESTONLY00000000'
                param awsSecretAccessKey = 'test-only-secret'
                param paymentWebhookSecret = 'test-only-webhook-secret-0000'
                param partitionCount = {partitionCount}
                """);

            // Act
            var build = await BicepCli.RunAsync(["build-params", file, "--stdout"]);

            // Assert
            Assert.True(builds == (build.ExitCode == 0), build.ToString());
            if (!builds)
            {
                Assert.Contains("BCP327", build.StandardError, StringComparison.Ordinal);
                Assert.Contains("maximum allowable value is 16", build.StandardError, StringComparison.Ordinal);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
