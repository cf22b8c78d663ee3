using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Booking.Engine.Tests;

/// <summary>Bad engine settings stop start-up with a message that names the setting.</summary>
public sealed class EngineOptionsTests
{
    [Theory]
    [InlineData("TaskHubName", "x", "TaskHubName")]
    [InlineData("TaskHubName", "has-dash", "TaskHubName")]
    [InlineData("AzureWebJobsStorage", " ", "AzureWebJobsStorage")]
    [InlineData("Engine:PartitionCount", "17", "Engine:PartitionCount")]
    [InlineData("Engine:MaxQueuePollingInterval", "00:01:00", "Engine:MaxQueuePollingInterval")]
    [InlineData("Engine:MaxConcurrentActivities", "0", "Engine:MaxConcurrentActivities")]
    [InlineData("Engine:LeaseInterval", "00:00:01", "Engine:LeaseInterval")]
    [InlineData("Engine:MessageVisibilityTimeout", "00:00:01", "Engine:MessageVisibilityTimeout")]
    public async Task Start_up_fails_naming_an_invalid_setting(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["DynamoDb:ServiceUrl"] = "http://127.0.0.1:1",
            [key] = value,
        };
        using var host = EngineHost.Build(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_valid_and_read_the_function_app_settings()
    {
        using var host = EngineHost.Build(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true;",
            ["TaskHubName"] = "OtherHub",
        });

        var options = host.Services.GetRequiredService<IOptions<Configuration.EngineOptions>>().Value;

        Assert.Equal("UseDevelopmentStorage=true;", options.StorageConnectionString);
        Assert.Equal("OtherHub", options.TaskHubName);
        Assert.Equal(TimeSpan.FromSeconds(1), options.MaxQueuePollingInterval);
        Assert.False(string.IsNullOrEmpty(options.WorkerId));
    }
}
