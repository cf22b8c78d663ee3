using System.Text.Json;
using Booking.Testing;
using Booking.Testing.Hosts;

namespace Booking.LocalHost.Tests;

/// <summary>./bench.sh --smoke as a user runs it. Only that it works, and under which host, is checked: its figures are
/// timings and counts on a shared machine, which docs/benchmark.md records for a full run.</summary>
public sealed class BenchScriptTests
{
    [Fact]
    public async Task Bench_sh_smoke_exits_0_and_its_last_line_is_json_with_every_documented_key_and_the_host_it_ran()
    {
        var documented = DocumentedKeys();

        // bench.sh bounds itself (under two minutes); the wait here only keeps a hang from stalling the test run.
        await using var script = ChildProcess.Start("bash", [Path.Combine(RepositoryPaths.Root, "bench.sh"), "--smoke"]);
        var exited = await script.WaitForExitAsync(TimeSpan.FromMinutes(10));

        Assert.True(exited, $"bench.sh --smoke was still running after 10 minutes:{Environment.NewLine}{script.Output}");
        Assert.True(script.ExitCode == 0, $"bench.sh --smoke exited {script.ExitCode}:{Environment.NewLine}{script.Output}");
        var lastLine = script.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        using var json = JsonDocument.Parse(lastLine);
        Assert.NotEmpty(documented);
        foreach (var (key, mayBeNull) in documented)
        {
            Assert.True(json.RootElement.TryGetProperty(key, out var value), $"The JSON line has no '{key}': {lastLine}");
            Assert.True(mayBeNull || value.ValueKind != JsonValueKind.Null, $"'{key}' is null, which docs/benchmark.md does not allow: {lastLine}");
        }

        // The bench finds a Functions host as these tests do, and measures the Function App under it when there is one.
        Assert.Equal(FunctionsHostCommand.Current is null ? "local" : "functions-host", json.RootElement.GetProperty("host").GetString());
    }

    /// <summary>The keys of the "JSON keys" table in docs/benchmark.md: the first cell names the key, the last says
    /// when it is null ("never" where it never is).</summary>
    private static List<(string Key, bool MayBeNull)> DocumentedKeys()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "docs", "benchmark.md"));
        return lines
            .SkipWhile(l => l.Trim() != "## JSON keys")
            .Skip(1)
            .TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries))
            .Select(cells => (cells[1].Trim('`'), cells[^2] != "never"))
            .ToList();
    }
}
