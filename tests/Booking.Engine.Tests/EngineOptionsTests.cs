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
    [InlineData("Engine:MaxNewOrchestrationsInFlight", "-1", "Engine:MaxNewOrchestrationsInFlight")]
    [InlineData("Engine:MaxNewOrchestrationsInFlight", "101", "Engine:MaxNewOrchestrationsInFlight")]
    [InlineData("Engine:MaxConcurrentStarts", "-1", "Engine:MaxConcurrentStarts")]
    [InlineData("Engine:MaxConcurrentStarts", "1001", "Engine:MaxConcurrentStarts")]
    [InlineData("Engine:MaxConcurrentActivities", "0", "Engine:MaxConcurrentActivities")]
    [InlineData("Engine:LeaseInterval", "00:00:01", "Engine:LeaseInterval")]
    [InlineData("Engine:MessageVisibilityTimeout", "00:00:01", "Engine:MessageVisibilityTimeout")]
    [InlineData("Engine:TableShards", "0", "Engine:TableShards")]
    [InlineData("Engine:TableShards", "33", "Engine:TableShards")]
    [InlineData("Engine:ExtraQueueEndpoints:0", "ftp://127.0.0.1/devstoreaccount1", "Engine:ExtraQueueEndpoints")]
    [InlineData("Engine:ExtraQueueEndpoints:0", "http://127.0.0.1:10011/devstoreaccount1", "Engine:ExtraQueueEndpoints")] // needs an account key
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
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.MaxQueuePollingInterval);
        Assert.True(options.SignalledPolling);
        Assert.False(string.IsNullOrEmpty(options.WorkerId));
    }

    [Fact]
    public async Task Extra_queue_endpoints_must_be_urls_even_with_an_account_key()
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;",
            ["DynamoDb:ServiceUrl"] = "http://127.0.0.1:1",
            ["Engine:ExtraQueueEndpoints:0"] = "http://127.0.0.1:2/devstoreaccount1",
            ["Engine:ExtraQueueEndpoints:1"] = "queue-two",
        };
        using var host = EngineHost.Build(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal("Engine:ExtraQueueEndpoints must hold http(s) URLs of queue endpoints; got 'queue-two'.", Assert.Single(error.Failures));
    }
}
