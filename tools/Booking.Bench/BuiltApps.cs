using System.Reflection;

namespace Booking.Bench;

/// <summary>The build output of each system the bench starts, as Booking.Bench.csproj names it (the one place that
/// knows where the projects live).</summary>
internal static class BuiltApps
{
    /// <summary>Our Function App's output folder (functions.metadata, the worker, .azurefunctions).</summary>
    public static string FunctionApp => Folder(nameof(FunctionApp));

    /// <summary>The peer Function App's output folder.</summary>
    public static string PeerApp => Folder(nameof(PeerApp));

    /// <summary>The local stand-in host's assembly.</summary>
    public static string LocalHost => Folder(nameof(LocalHost));

    private static string Folder(string key) => Path.GetFullPath(
        typeof(BuiltApps).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!);
}
