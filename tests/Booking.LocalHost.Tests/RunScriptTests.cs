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
