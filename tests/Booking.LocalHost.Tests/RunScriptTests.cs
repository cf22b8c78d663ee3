using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Booking.Testing;

namespace Booking.LocalHost.Tests;

/// <summary>./run.sh as a user runs it, where it can end quickly.</summary>
public sealed class RunScriptTests
{
    private const string Running = "BookingFunctions is running";

    [Fact]
    public async Task Run_sh_stops_at_once_with_a_clear_message_when_its_port_is_busy_and_starts_nothing()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;
        var emulatorPorts = Enumerable.Range(0, 4).Select(_ => FreePort.Next()).ToList();
        var environment = new Dictionary<string, string?>
        {
            ["PORT"] = P(port),
            ["DYNAMODB_PORT"] = P(emulatorPorts[0]),
            ["AZURITE_BLOB_PORT"] = P(emulatorPorts[1]),
            ["AZURITE_QUEUE_PORT"] = P(emulatorPorts[2]),
            ["AZURITE_TABLE_PORT"] = P(emulatorPorts[3]),
        };

        await using var script = ChildProcess.Start("bash", [Path.Combine(RepositoryPaths.Root, "run.sh")], environment);
        var exited = await script.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.True(exited, $"run.sh was still running after 30 s:{Environment.NewLine}{script.Output}");
        Assert.Equal(1, script.ExitCode);
        Assert.Contains($"port {port} on 127.0.0.1 is already in use", script.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Installing", script.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Starting", script.Output, StringComparison.Ordinal);
        foreach (var emulatorPort in emulatorPorts)
        {
            Assert.False(await AcceptsAsync(emulatorPort), $"Something listens on {emulatorPort}: run.sh started an emulator.");
        }

        Assert.True(await AcceptsAsync(port), "The busy port's owner was disturbed.");
    }

    [Fact]
    public async Task Ctrl_c_on_run_sh_stops_the_host_then_the_emulators_without_a_stack_trace()
    {
        var ports = Enumerable.Range(0, 5).Select(_ => FreePort.Next()).ToList();
        var data = Directory.CreateTempSubdirectory("run-sh-");

        await using var script = StartRunSh(ports, data);
        await WaitForOutputAsync(script, Running, TimeSpan.FromMinutes(3));

        await InterruptGroupAsync(script.Id);

        var exited = await script.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exited, $"run.sh was still running 60 s after Ctrl+C:{Environment.NewLine}{script.Output}");
        Assert.Contains(script.ExitCode, new int?[] { 0, 130 });
        Assert.DoesNotContain("Unhandled exception", script.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", script.Output, StringComparison.Ordinal);
        Assert.Contains("Durable engine stopped", script.Output, StringComparison.Ordinal);
        foreach (var port in ports)
        {
            Assert.False(await AcceptsAsync(port), $"Something still listens on {port} after run.sh stopped.");
        }

        data.Delete(recursive: true);
    }

    [Fact]
    public async Task Example_run_sh_prints_lists_the_sample_apartments_when_run_as_printed()
    {
        var ports = Enumerable.Range(0, 5).Select(_ => FreePort.Next()).ToList();
        var data = Directory.CreateTempSubdirectory("run-sh-");
        await using var script = StartRunSh(ports, data);
        try
        {
            await WaitForOutputAsync(script, Running, TimeSpan.FromMinutes(3));
            var example = Assert.Single(
                script.Output.Split(Environment.NewLine), line => line.TrimStart().StartsWith("curl ", StringComparison.Ordinal));

            // Act: the line as a user pastes it into a shell.
            await using var curl = ChildProcess.Start("bash", ["-c", example]);
            Assert.True(await curl.WaitForExitAsync(TimeSpan.FromSeconds(30)), $"The example did not finish: {example}");

            // Assert
            Assert.Equal(0, curl.ExitCode);
            var response = JsonNode.Parse(curl.Output)!;
            Assert.Null(response["errors"]);
            var items = response["data"]?["apartments"]?["items"]?.AsArray() ?? [];
            Assert.Contains(items, item => (string?)item?["id"] == "1234567" && (string?)item?["status"] == "VACANT");
        }
        finally
        {
            await InterruptGroupAsync(script.Id);
            await script.WaitForExitAsync(TimeSpan.FromSeconds(60));
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Run_sh_piped_into_a_reader_that_ctrl_c_ends_first_still_stops_everything_it_started()
    {
        var ports = Enumerable.Range(0, 5).Select(_ => FreePort.Next()).ToList();
        var data = Directory.CreateTempSubdirectory("run-sh-");
        // What names the processes this run starts: the emulators' data folders and the host's --urls argument.
        var host = $"http://127.0.0.1:{P(ports[0])} ";

        // Arrange: run.sh's standard output is a pipe this test reads, as `./run.sh | tee run.log` has tee read it, and
        // SIGPIPE has its default action, as under a terminal's shell (this test process ignores it).
        var info = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var argument in (string[])["env", "--default-signal=PIPE", "bash", Path.Combine(RepositoryPaths.Root, "run.sh")])
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in RunShEnvironment(ports, data))
        {
            info.Environment[name] = value;
        }

        using var script = Process.Start(info)!;
        var errors = new StringBuilder();
        script.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        script.BeginErrorReadLine();
        try
        {
            using (var startUp = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
            {
                string? line;
                do
                {
                    line = await script.StandardOutput.ReadLineAsync(startUp.Token);
                }
                while (line is not null && !line.Contains(Running, StringComparison.Ordinal));
                Assert.True(line is not null, $"run.sh ended before it printed '{Running}':{Environment.NewLine}{errors}");
            }

            Assert.Equal(2, ProcessesMentioning(data.FullName).Count);
            Assert.Single(ProcessesMentioning(host));

            // Act: Ctrl+C ends the reader first (tee dies of it), then run.sh, whose next line goes nowhere.
            script.StandardOutput.Close();
            await InterruptGroupAsync(script.Id);

            // Assert: (not WaitForExitAsync, which also waits for the end of standard error, held open by any leftover child)
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (!script.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }

            Assert.True(script.HasExited, $"run.sh was still running 60 s after Ctrl+C:{Environment.NewLine}{errors}");
            Assert.Equal(130, script.ExitCode);
            foreach (var port in ports)
            {
                Assert.False(await AcceptsAsync(port), $"Something still listens on {port} after run.sh stopped:{Environment.NewLine}{errors}");
            }

            Assert.Empty(ProcessesMentioning(data.FullName));
            Assert.Empty(ProcessesMentioning(host));
        }
        finally
        {
            // A failed run must not leave its emulators and host behind: stop what this test started, by PID.
            if (!script.HasExited)
            {
                script.Kill();
            }

            foreach (var pid in ProcessesMentioning(data.FullName).Concat(ProcessesMentioning(host)))
            {
                try
                {
                    using var leftover = Process.GetProcessById(pid);
                    leftover.Kill();
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException)
                {
                    // Already gone.
                }
            }

            data.Delete(recursive: true);
        }
    }

    private static string P(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary>run.sh's ports and data folder, all of the test's own.</summary>
    private static Dictionary<string, string?> RunShEnvironment(IReadOnlyList<int> ports, DirectoryInfo data) => new()
    {
        ["PORT"] = P(ports[0]),
        ["DYNAMODB_PORT"] = P(ports[1]),
        ["AZURITE_BLOB_PORT"] = P(ports[2]),
        ["AZURITE_QUEUE_PORT"] = P(ports[3]),
        ["AZURITE_TABLE_PORT"] = P(ports[4]),
        ["DATA_DIR"] = data.FullName,
    };

    /// <summary>run.sh in a process group of its own, as a terminal runs it, so a signal to the group reaches what a
    /// Ctrl+C would.</summary>
    private static ChildProcess StartRunSh(IReadOnlyList<int> ports, DirectoryInfo data) =>
        ChildProcess.Start("setsid", ["bash", Path.Combine(RepositoryPaths.Root, "run.sh")], RunShEnvironment(ports, data));

    private static async Task InterruptGroupAsync(int groupLeader)
    {
        using var interrupt = Process.Start("kill", ["-INT", "--", "-" + P(groupLeader)]);
        await interrupt.WaitForExitAsync();
    }

    /// <summary>Processes whose command line holds the text (a test's own data folder or URL names only what it started).</summary>
    private static List<int> ProcessesMentioning(string text)
    {
        var found = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ').Contains(text, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // Ended while being read.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to read, so not ours.
            }
        }

        return found;
    }

    private static async Task WaitForOutputAsync(ChildProcess process, string text, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!process.Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.False(process.HasExited, $"run.sh exited before it printed '{text}':{Environment.NewLine}{process.Output}");
            await Task.Delay(200, cts.Token);
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(5));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
