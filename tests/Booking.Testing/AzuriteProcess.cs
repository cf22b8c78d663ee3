using System.Globalization;

using Xunit;

namespace Booking.Testing;

/// <summary>
/// A real Azurite (Azure Storage emulator) on free 127.0.0.1 ports with its own data folder, stopped on dispose.
/// The data folder survives <see cref="StopAsync"/>, so a restart keeps what was stored.
/// </summary>
public sealed class AzuriteProcess : IAsyncLifetime
{
    // Azurite's documented development account; it is public and only ever valid against the emulator.
    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "azurite-" + Guid.NewGuid().ToString("N"));
    private ChildProcess? process;

    /// <summary>The running server's process id, for measurements (CPU time, memory); null when stopped.</summary>
    public int? ProcessId => process?.Id;

    /// <summary>Keeps everything in memory instead of the data folder: less disk and CPU per request, for load
    /// measurements; nothing survives a restart.</summary>
    public bool InMemory { get; init; }

    /// <summary>Where Azurite logs every request it serves (its <c>--debug</c> file), for counting storage
    /// transactions; null for no log.</summary>
    public string? DebugLogPath { get; init; }

    public int BlobPort { get; private set; }

    public int QueuePort { get; private set; }

    public int TablePort { get; private set; }

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + DevAccountKey + ";"
        + $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;"
        + $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;"
        + $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    public async Task InitializeAsync()
    {
        BlobPort = FreePort.Next();
        QueuePort = FreePort.Next();
        TablePort = FreePort.Next();
        Directory.CreateDirectory(dataFolder);
        await StartAsync();
    }

    public async Task StartAsync()
    {
        static string P(int port) => port.ToString(CultureInfo.InvariantCulture);
        string[] storage = InMemory ? ["--inMemoryPersistence"] : ["--location", dataFolder];
        string[] debug = DebugLogPath is null ? [] : ["--debug", DebugLogPath];
        process = ChildProcess.Start(
            RepositoryPaths.NodeBin("azurite"),
            [
                "--blobHost", "127.0.0.1", "--blobPort", P(BlobPort),
                "--queueHost", "127.0.0.1", "--queuePort", P(QueuePort),
                "--tableHost", "127.0.0.1", "--tablePort", P(TablePort),
                .. storage, .. debug, "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
            ]);
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(60), () => process.HasExited);
        }
    }

    public async Task StopAsync()
    {
        if (process is not null)
        {
            await process.DisposeAsync();
            process = null;
        }
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
