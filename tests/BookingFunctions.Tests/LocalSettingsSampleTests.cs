using System.Reflection;
using System.Text.Json.Nodes;
using Booking.Api;
using Booking.Core.Configuration;
using Booking.Testing;

namespace BookingFunctions.Tests;

/// <summary>local.settings.sample.json is what a func start user copies: it must hold every setting the app reads.</summary>
public sealed class LocalSettingsSampleTests
{
    private static readonly JsonObject Values =
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")))!["Values"]!.AsObject();

    public static TheoryData<string> OptionsSettings()
    {
        // Every options class the Function App binds, by its section name.
        var bound = new (Type Options, string Section)[]
        {
            (typeof(DynamoDbOptions), DynamoDbOptions.SectionName),
            (typeof(ReservationOptions), ReservationOptions.SectionName),
            (typeof(GraphQLApiOptions), GraphQLApiOptions.SectionName),
        };
        var data = new TheoryData<string>();
        foreach (var (options, section) in bound)
        {
            foreach (var property in options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                data.Add($"{section}__{property.Name}");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OptionsSettings))]
    public void The_sample_holds_every_option_the_app_binds(string setting) =>
        Assert.True(Values.ContainsKey(setting), $"local.settings.sample.json lacks {setting}.");

    [Theory]
    [InlineData("AzureWebJobsStorage")]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("TaskHubName")]
    [InlineData("AWS_ACCESS_KEY_ID")]
    [InlineData("AWS_SECRET_ACCESS_KEY")]
    public void The_sample_holds_the_host_and_credential_settings(string setting) =>
        Assert.True(Values.ContainsKey(setting), $"local.settings.sample.json lacks {setting}.");

    [Fact]
    public void The_sample_points_at_the_local_emulators_that_run_sh_starts()
    {
        Assert.Equal("UseDevelopmentStorage=true", Values["AzureWebJobsStorage"]!.GetValue<string>());
        Assert.Equal("http://127.0.0.1:8000", Values["DynamoDb__ServiceUrl"]!.GetValue<string>());
        Assert.Equal("dotnet-isolated", Values["FUNCTIONS_WORKER_RUNTIME"]!.GetValue<string>());
    }
}
