using System.Collections.Concurrent;
using System.Diagnostics;

namespace Booking.Testing;

/// <summary>
/// A process the tests started. Disposing kills it (and only it, by its own handle). Its output is kept so a
/// failing test can show what the server said.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    /// <summary>How many of the last output lines are kept unless the caller says otherwise: enough for tests that
    /// search everything a process reported (the engine tests' ACTIVITY lines).</summary>
    public const int DefaultKeptLines = 100_000;

    private readonly Process process;
    private readonly int keptLines;
    private readonly ConcurrentQueue<string> output = new();

    private ChildProcess(Process process, int keptLines)
    {
        this.process = process;
        this.keptLines = keptLines;
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public string Output => string.Join(Environment.NewLine, output);

    /// <summary>The exit code once the process has ended.</summary>
    public int? ExitCode => process.HasExited ? process.ExitCode : null;

    /// <param name="keptLines">How many of the last output lines <see cref="Output"/> keeps; more when a test must
    /// search everything the process wrote.</param>
    public static ChildProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        IDictionary<string, string?>? environment = null,
        string? workingDirectory = null,
        int keptLines = DefaultKeptLines)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryPaths.Root,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var child = new ChildProcess(process, keptLines);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for the process to end by itself; false when it is still running after the timeout.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL: the process gets no chance to clean up, as in a crash.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > keptLines && output.TryDequeue(out _))
        {
        }
    }
}
