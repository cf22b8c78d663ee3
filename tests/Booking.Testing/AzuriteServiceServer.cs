using System.Globalization;

using Xunit;

namespace Booking.Testing;

/// <summary>
/// One Azurite service (<c>azurite-blob</c>, <c>azurite-queue</c> or <c>azurite-table</c>) in its own process, in
/// memory, on a free 127.0.0.1 port; stopped on dispose. Each Azurite process serves its requests on one thread, so
/// separate processes spread the storage work over the cores; extra queue processes also serve as more queue
/// endpoints for a task hub (Engine:ExtraQueueEndpoints).
/// </summary>
public sealed class AzuriteServiceServer(string service) : IAsyncLifetime
{
    private ChildProcess? process;

    public static AzuriteServiceServer Queue() => new("queue");

    public int Port { get; private set; }

    /// <summary>The running server's process id, for measurements; null when stopped.</summary>
    public int? ProcessId => process?.Id;

    /// <summary>This service's URL for the development account.</summary>
    public string Endpoint => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/devstoreaccount1";

    public async Task InitializeAsync()
    {
        Port = FreePort.Next();
        process = ChildProcess.Start(
            RepositoryPaths.NodeBin("azurite-" + service),
            [$"--{service}Host", "127.0.0.1", $"--{service}Port", Port.ToString(CultureInfo.InvariantCulture), "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry"]);
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
