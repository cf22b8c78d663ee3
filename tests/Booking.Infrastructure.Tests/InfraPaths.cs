using Booking.Testing;

namespace Booking.Infrastructure.Tests;

/// <summary>Where the deployment files live in the repository.</summary>
public static class InfraPaths
{
    public static string Folder { get; } = Path.Combine(RepositoryPaths.Root, "infra");

    public static string Template { get; } = Path.Combine(Folder, "main.bicep");

    public static string Parameters { get; } = Path.Combine(Folder, "main.bicepparam");

    public static string LocalSettingsSample { get; } = Path.Combine(RepositoryPaths.Root, "local.settings.sample.json");

    public static string HostJson { get; } = Path.Combine(RepositoryPaths.Root, "host.json");

    public static string AzureYaml { get; } = Path.Combine(RepositoryPaths.Root, "azure.yaml");
}
