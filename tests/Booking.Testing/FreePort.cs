using System.Net;
using System.Net.Sockets;

namespace Booking.Testing;

public static class FreePort
{
    // Ports this process has handed out: the system can hand out a port again as soon as it is released, before the
    // server it was picked for listens on it (seen: two emulators of one run given the same port).
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>A port on 127.0.0.1 that nothing listens on right now and that this process has not handed out before.</summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (HandedOut)
            {
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }
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
