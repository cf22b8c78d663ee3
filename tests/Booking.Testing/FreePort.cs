using System.Net;
using System.Net.Sockets;

namespace Booking.Testing;

public static class FreePort
{
    // Ports this process has handed out: the system can hand out a port again as soon as it is released, before the
    // server it was picked for listens on it (seen: two emulators of one run given the same port).
    private static readonly HashSet<int> HandedOut = [];

    // Below the system's ephemeral range, so no process that binds port 0 or connects out (a Functions host's own gRPC
    // endpoint, its storage clients) can take a port between the moment it is picked here and the moment its server
    // binds it: with several hosts starting at once, that race was seen.
    private static readonly (int From, int To) Range = BelowEphemeralPorts();

    /// <summary>A port on 127.0.0.1 that nothing listens on right now and that this process has not handed out before.</summary>
    public static int Next()
    {
        while (true)
        {
            var port = Random.Shared.Next(Range.From, Range.To);
            lock (HandedOut)
            {
                if (HandedOut.Contains(port) || !IsFree(port))
                {
                    continue;
                }

                HandedOut.Add(port);
                return port;
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static (int From, int To) BelowEphemeralPorts()
    {
        // Linux names its ephemeral range here ("32768 60999" by default); elsewhere assume the same default.
        var first = 32768;
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            first = int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
        }

        return (Math.Max(1024, first - 12_000), first);
    }

    /// <summary>Waits until something accepts connections on the port.</summary>
    public static async Task WaitUntilListeningAsync(int port, TimeSpan timeout, Func<bool>? hasExited = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (hasExited?.Invoke() == true)
            {
                throw new InvalidOperationException($"The process that should listen on port {port} exited.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"Nothing listened on 127.0.0.1:{port} within {timeout}.");
    }
}
