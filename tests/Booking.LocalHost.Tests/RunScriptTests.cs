using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Booking.Testing;

namespace Booking.LocalHost.Tests;

/// <summary>./run.sh as a user runs it, where it can end quickly.</summary>
public sealed class RunScriptTests
{
    [Fact]
    public async Task Run_sh_stops_at_once_with_a_clear_message_when_its_port_is_busy_and_starts_nothing()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;
        var emulatorPorts = Enumerable.Range(0, 4).Select(_ => FreePort.Next()).ToList();
        static string P(int p) => p.ToString(CultureInfo.InvariantCulture);
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
        static string P(int p) => p.ToString(CultureInfo.InvariantCulture);
        var environment = new Dictionary<string, string?>
        {
            ["PORT"] = P(ports[0]),
            ["DYNAMODB_PORT"] = P(ports[1]),
            ["AZURITE_BLOB_PORT"] = P(ports[2]),
            ["AZURITE_QUEUE_PORT"] = P(ports[3]),
            ["AZURITE_TABLE_PORT"] = P(ports[4]),
            ["DATA_DIR"] = data.FullName,
        };

        // In a process group of its own, as a terminal runs it, so the signal below reaches what a Ctrl+C would.
        await using var script = ChildProcess.Start("setsid", ["bash", Path.Combine(RepositoryPaths.Root, "run.sh")], environment);
        await WaitForOutputAsync(script, "BookingFunctions is running", TimeSpan.FromMinutes(3));

        using (var interrupt = Process.Start("kill", ["-INT", "--", "-" + P(script.Id)]))
        {
            await interrupt.WaitForExitAsync();
        }

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
