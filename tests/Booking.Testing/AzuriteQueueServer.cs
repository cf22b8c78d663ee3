using System.Globalization;

using Xunit;

namespace Booking.Testing;

/// <summary>
/// A queue-only Azurite (<c>azurite-queue</c>, in memory) on a free 127.0.0.1 port: an extra queue endpoint of the
/// development account, for spreading a task hub's queues (Engine:ExtraQueueEndpoints). Stopped on dispose.
/// </summary>
public sealed class AzuriteQueueServer : IAsyncLifetime
{
    private ChildProcess? process;

    public int Port { get; private set; }

    /// <summary>The running server's process id, for measurements; null when stopped.</summary>
    public int? ProcessId => process?.Id;

    /// <summary>The queue service URL of the development account on this server.</summary>
    public string Endpoint => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/devstoreaccount1";

    public async Task InitializeAsync()
    {
        Port = FreePort.Next();
        process = ChildProcess.Start(
            RepositoryPaths.NodeBin("azurite-queue"),
            ["--queueHost", "127.0.0.1", "--queuePort", Port.ToString(CultureInfo.InvariantCulture), "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--loose"]);
        await FreePort.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(60), () => process.HasExited);
    }

    public async Task DisposeAsync()
    {
        if (process is not null)
        {
            await process.DisposeAsync();
            process = null;
        }
    }
}
