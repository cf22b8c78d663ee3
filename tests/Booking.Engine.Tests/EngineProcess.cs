using Booking.Testing;

namespace Booking.Engine.Tests;

/// <summary>The engine test process (tests/Booking.Engine.TestProcess), started with the given settings as
/// environment variables and killed by its own handle.</summary>
public static class EngineProcess
{
    public const string ReadyLine = "ENGINE READY";
    public const string ActivityPrefix = "ACTIVITY";

    private static string DllPath
    {
        get
        {
            // tests/Booking.Engine.Tests/bin/<Configuration>/<tfm>/ → the same configuration and tfm of the process.
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var tfm = output.Name;
            var configuration = output.Parent!.Name;
            return Path.Combine(RepositoryPaths.Root, "tests", "Booking.Engine.TestProcess", "bin", configuration, tfm, "Booking.Engine.TestProcess.dll");
        }
    }

    public static async Task<ChildProcess> StartAsync(IDictionary<string, string?> settings, TimeSpan timeout)
    {
        var environment = settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        var process = ChildProcess.Start("dotnet", [DllPath], environment);
        var deadline = DateTime.UtcNow + timeout;
        while (!process.Output.Contains(ReadyLine, StringComparison.Ordinal))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var output = process.Output;
                await process.DisposeAsync();
                throw new InvalidOperationException($"The engine process did not become ready:{Environment.NewLine}{output}");
            }

            await Task.Delay(100);
        }

        return process;
    }

    /// <summary>The reservations this process ran a store operation for (reserve, pay, release; any when null),
    /// from its output.</summary>
    public static IReadOnlySet<string> ReservationsWorkedOn(ChildProcess process, string? operation = null) => process.Output
        .Split(Environment.NewLine)
        .Select(line => line.Split(' '))
        .Where(words => words.Length >= 3 && words[0] == ActivityPrefix && (operation is null || words[1] == operation))
        .Select(words => words[2])
        .ToHashSet();
}
