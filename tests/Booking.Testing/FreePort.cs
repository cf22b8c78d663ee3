using System.Net;
using System.Net.Sockets;

namespace Booking.Testing;

public static class FreePort
{
    /// <summary>A port on 127.0.0.1 that nothing listens on right now.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
