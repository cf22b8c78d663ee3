using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Booking.Engine.Configuration;

/// <summary>Fails start-up with a message that names the offending setting.</summary>
public sealed partial class EngineOptionsValidator : IValidateOptions<EngineOptions>
{
    public ValidateOptionsResult Validate(string? name, EngineOptions options)
    {
        var failures = new List<string>();
        const string section = EngineOptions.SectionName;

        if (string.IsNullOrWhiteSpace(options.StorageConnectionString))
        {
            failures.Add($"{EngineOptions.StorageConnectionSetting} must be a storage connection string, for example UseDevelopmentStorage=true; it is empty.");
        }

        // The Azure Storage provider derives queue and container names from the hub name, which limits it to this.
        if (string.IsNullOrEmpty(options.TaskHubName) || !TaskHubNamePattern().IsMatch(options.TaskHubName))
        {
            failures.Add($"{EngineOptions.TaskHubNameSetting} must be 3 to 45 letters or digits, starting with a letter; got '{options.TaskHubName}'.");
        }

        if (options.PartitionCount is < 1 or > 16)
        {
            failures.Add($"{section}:{nameof(options.PartitionCount)} must be between 1 and 16; got {options.PartitionCount}.");
        }

        if (options.MaxQueuePollingInterval < TimeSpan.FromMilliseconds(50) || options.MaxQueuePollingInterval > TimeSpan.FromSeconds(30))
        {
            failures.Add($"{section}:{nameof(options.MaxQueuePollingInterval)} must be between 00:00:00.050 and 00:00:30; got {options.MaxQueuePollingInterval}.");
        }

        if (options.MaxConcurrentOrchestrations < 1)
        {
            failures.Add($"{section}:{nameof(options.MaxConcurrentOrchestrations)} must be at least 1; got {options.MaxConcurrentOrchestrations}.");
        }

        if (options.MaxConcurrentActivities < 1)
        {
            failures.Add($"{section}:{nameof(options.MaxConcurrentActivities)} must be at least 1; got {options.MaxConcurrentActivities}.");
        }

        if (options.MessageVisibilityTimeout < TimeSpan.FromSeconds(5))
        {
            failures.Add($"{section}:{nameof(options.MessageVisibilityTimeout)} must be at least 00:00:05; got {options.MessageVisibilityTimeout}.");
        }

        if (options.LeaseInterval < TimeSpan.FromSeconds(5) || options.LeaseInterval > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{section}:{nameof(options.LeaseInterval)} must be between 00:00:05 and 00:05:00; got {options.LeaseInterval}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    private static partial Regex TaskHubNamePattern();
}
