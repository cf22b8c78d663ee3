using System.Text.Json;
using Xunit;

namespace Booking.Testing;

/// <summary>Runs one of the repository's Node.js checks (<c>tests/node/*.mjs</c>, with the packages of the npm
/// lockfile) and reads the one JSON value it prints last.</summary>
public static class NodeScript
{
    public static async Task<JsonElement> RunAsync(string script, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var path = Path.Combine(RepositoryPaths.Root, "tests", "node", script);
        await using var node = ChildProcess.Start("node", [path, .. arguments], new Dictionary<string, string?> { ["CHROMIUM"] = Chromium.Path });
        var exited = await node.WaitForExitAsync(timeout);

        Assert.True(exited, $"{script} did not finish within {timeout}:{Environment.NewLine}{node.Output}");
        Assert.True(node.ExitCode == 0, $"{script} failed ({node.ExitCode}):{Environment.NewLine}{node.Output}");
        var last = node.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return JsonDocument.Parse(last ?? "null").RootElement.Clone();
    }
}
