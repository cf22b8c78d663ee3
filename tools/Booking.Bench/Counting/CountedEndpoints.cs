using System.Globalization;
using Booking.Testing;

namespace Booking.Bench.Counting;

/// <summary>
/// One system's own relays in front of the shared emulators: Azurite's blob, queue and table ports and dynalite's
/// port, all counted into one tally. Each system the bench measures (our host, the peer, the bench's raw calls) gets
/// its own set, so whose request is whose never has to be guessed.
/// </summary>
internal sealed class CountedEndpoints : IAsyncDisposable
{
    private readonly CountingRelay blob;
    private readonly CountingRelay queue;
    private readonly CountingRelay table;
    private readonly CountingRelay dynamoDb;

    public CountedEndpoints(AzuriteProcess azurite, DynaliteProcess dynalite, string taskHubName)
    {
        blob = new CountingRelay(azurite.BlobPort, Tally, RequestKinds.For(RequestKinds.Blob, taskHubName));
        queue = new CountingRelay(azurite.QueuePort, Tally, RequestKinds.For(RequestKinds.Queue, taskHubName));
        table = new CountingRelay(azurite.TablePort, Tally, RequestKinds.For(RequestKinds.Table, taskHubName));
        dynamoDb = new CountingRelay(dynalite.Port, Tally, RequestKinds.For(RequestKinds.DynamoDb, taskHubName));

        // Azurite's connection string with each endpoint's port replaced by its relay's.
        StorageConnectionString = azurite.ConnectionString
            .Replace(Endpoint(azurite.BlobPort), Endpoint(blob.Port), StringComparison.Ordinal)
            .Replace(Endpoint(azurite.QueuePort), Endpoint(queue.Port), StringComparison.Ordinal)
            .Replace(Endpoint(azurite.TablePort), Endpoint(table.Port), StringComparison.Ordinal);
        DynamoDbServiceUrl = $"http://127.0.0.1:{dynamoDb.Port.ToString(CultureInfo.InvariantCulture)}";
    }

    public RequestTally Tally { get; } = new();

    public string StorageConnectionString { get; }

    public string DynamoDbServiceUrl { get; }


    public async ValueTask DisposeAsync()
    {
        await blob.DisposeAsync();
        await queue.DisposeAsync();
        await table.DisposeAsync();
        await dynamoDb.DisposeAsync();
    }

    private static string Endpoint(int port) => $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/";
}
