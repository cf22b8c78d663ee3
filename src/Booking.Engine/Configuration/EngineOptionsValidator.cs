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

        if (options.MaxNewOrchestrationsInFlight < 0 || options.MaxNewOrchestrationsInFlight > options.MaxConcurrentOrchestrations)
        {
            failures.Add($"{section}:{nameof(options.MaxNewOrchestrationsInFlight)} must be between 0 (no cap of its own) and {section}:{nameof(options.MaxConcurrentOrchestrations)} ({options.MaxConcurrentOrchestrations}); got {options.MaxNewOrchestrationsInFlight}.");
        }

        if (options.MaxConcurrentStarts is < 0 or > 1000)
        {
            failures.Add($"{section}:{nameof(options.MaxConcurrentStarts)} must be between 0 (no limit) and 1000; got {options.MaxConcurrentStarts}.");
        }

        if (options.ActivityDispatchers is < 1 or > 32)
        {
            failures.Add($"{section}:{nameof(options.ActivityDispatchers)} must be between 1 and 32; got {options.ActivityDispatchers}.");
        }

        if (options.ExtendedSessionIdleTimeout < TimeSpan.FromSeconds(1) || options.ExtendedSessionIdleTimeout > TimeSpan.FromHours(1))
        {
            failures.Add($"{section}:{nameof(options.ExtendedSessionIdleTimeout)} must be between 00:00:01 and 01:00:00; got {options.ExtendedSessionIdleTimeout}.");
        }

        if (options.ControlQueueBufferThreshold < 1)
        {
            failures.Add($"{section}:{nameof(options.ControlQueueBufferThreshold)} must be at least 1; got {options.ControlQueueBufferThreshold}.");
        }

        if (options.MessageVisibilityTimeout < TimeSpan.FromSeconds(5))
        {
            failures.Add($"{section}:{nameof(options.MessageVisibilityTimeout)} must be at least 00:00:05; got {options.MessageVisibilityTimeout}.");
        }

        if (options.LeaseInterval < TimeSpan.FromSeconds(5) || options.LeaseInterval > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{section}:{nameof(options.LeaseInterval)} must be between 00:00:05 and 00:05:00; got {options.LeaseInterval}.");
        }

        if (options.TableShards is < 1 or > 32)
        {
            failures.Add($"{section}:{nameof(options.TableShards)} must be between 1 and 32; got {options.TableShards}.");
        }

        foreach (var endpoint in options.ExtraQueueEndpoints)
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                failures.Add($"{section}:{nameof(options.ExtraQueueEndpoints)} must hold http(s) URLs of queue endpoints; got '{endpoint}'.");
            }
        }

        // The extra endpoints reuse the connection string's account and key, which the development shortcut does not spell out.
        if (options.ExtraQueueEndpoints.Count > 0 && !options.StorageConnectionString.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{section}:{nameof(options.ExtraQueueEndpoints)} needs {EngineOptions.StorageConnectionSetting} to name the account and its key (AccountName=...;AccountKey=...;QueueEndpoint=...).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    private static partial Regex TaskHubNamePattern();
}
