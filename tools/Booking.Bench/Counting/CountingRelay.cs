using System.Net;
using System.Net.Sockets;

namespace Booking.Bench.Counting;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of one emulator port: every byte passes unchanged both ways, and each HTTP request
/// the client sends is counted (by <see cref="RequestFramer"/>) under the kind <c>classify</c> gives it. Counting
/// happens before the request is passed on, so a request is counted before anything it causes can be seen.
/// </summary>
internal sealed class CountingRelay : IAsyncDisposable
{
    private const int BufferBytes = 64 * 1024;

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int upstreamPort;
    private readonly Func<RequestHead, string> classify;
    private readonly RequestTally tally;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> connections = [];
    private readonly Task accepting;

    public CountingRelay(int upstreamPort, RequestTally tally, Func<RequestHead, string> classify)
    {
        this.upstreamPort = upstreamPort;
        this.tally = tally;
        this.classify = classify;
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        accepting = AcceptAsync();
    }

    public int Port { get; }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        Task[] open;
        lock (connections)
        {
            open = [accepting, .. connections];
        }

        await Task.WhenAll(open.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var connection = RelayAsync(client);
            lock (connections)
            {
                connections.RemoveAll(t => t.IsCompleted);
                connections.Add(connection);
            }
        }
    }

    private async Task RelayAsync(Socket client)
    {
        using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using (client)
        {
            client.NoDelay = true;
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, upstreamPort, stopping.Token);
                var framer = new RequestFramer(head => tally.Add(classify(head)));
                await using var fromClient = new NetworkStream(client, ownsSocket: false);
                await using var toUpstream = new NetworkStream(upstream, ownsSocket: false);
                var requests = PumpAsync(fromClient, toUpstream, upstream, framer);
                var responses = PumpAsync(toUpstream, fromClient, client, framer: null);
                await Task.WhenAny(requests, responses);

                // Either side closing or failing ends the connection for both.
                client.Close();
                upstream.Close();
                await Task.WhenAll(requests, responses).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, Socket toSocket, RequestFramer? framer)
    {
        var buffer = new byte[BufferBytes];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, stopping.Token);
                if (read == 0)
                {
                    toSocket.Shutdown(SocketShutdown.Send);
                    return;
                }

                framer?.Feed(buffer.AsSpan(0, read));
                await to.WriteAsync(buffer.AsMemory(0, read), stopping.Token);
            }
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException or InvalidDataException)
        {
        }
    }
}
