using System.Text.Json.Nodes;
using Booking.Testing;

namespace BookingFunctions.Tests;

/// <summary>The Function App's build output, from the same configuration as the running tests.</summary>
internal static class FunctionAppOutput
{
    public static string Folder { get; } = Path.Combine(
        RepositoryPaths.Root, "src", "BookingFunctions", "bin", Configuration, "net10.0");

    private static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static JsonNode Read(string fileName)
    {
        var path = Path.Combine(Folder, fileName);
        Assert.True(File.Exists(path), $"{path} is missing: the Function App's build did not produce it.");
        return JsonNode.Parse(File.ReadAllText(path))!;
    }
}
