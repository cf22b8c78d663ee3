using System.Globalization;
using Azure.Data.Tables;
using Booking.Core.Apartments;
using Booking.Testing.Corpus;

namespace BookingFunctions.Tests;

/// <summary>The Function App under a real Functions host, as the bad-request corpus expects to find it: the same
/// limits and an operator key as the corpus's in-process server has, and its workflows read straight from the task hub's
/// instance table.</summary>
public sealed class CorpusFunctionAppFixture : FunctionAppFixture, ICorpusServer
{
    private readonly Lazy<Task<CorpusWorld>> world;

    public CorpusFunctionAppFixture() => world = new(() => CorpusWorld.CreateAsync(this));

    public int MaxRequestBytes => 8 * 1024;

    public int MaxPaymentWindowSeconds => 3600;

    public string OperatorKey { get; } = "operator-" + Guid.NewGuid().ToString("N");

    public Task<CorpusWorld> WorldAsync() => world.Value;

    public async Task<string> AddApartmentAsync(string prefix)
    {
        var id = $"{prefix}-{Guid.NewGuid():N}";
        Assert.True(await Table.AddAsync(id));
        return id;
    }

    public async Task<GraphQLResponse> SendAsync(HttpRequestMessage request)
    {
        using var response = await Host.Http.SendAsync(request);
        return await GraphQLResponse.ReadAsync(response);
    }

    public async Task<Snapshot> SnapshotAsync()
    {
        // The Durable extension's Azure Storage provider keeps one row per instance in <hub>Instances.
        var instances = new List<string>();
        var table = new TableClient(Azurite.ConnectionString, TaskHubName + "Instances");
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RuntimeStatus"]))
        {
            instances.Add($"{row.PartitionKey}={row.GetString("RuntimeStatus")}");
        }

        return await Snapshot.OfAsync(Table, Dynalite.RecordsOf(TableName), instances);
    }

    protected override void Configure(Dictionary<string, string?> environment)
    {
        environment["GraphQL__MaxRequestBytes"] = MaxRequestBytes.ToString(CultureInfo.InvariantCulture);
        environment["Reservation__MaxPaymentWindow"] = TimeSpan.FromSeconds(MaxPaymentWindowSeconds).ToString("c", CultureInfo.InvariantCulture);
        environment["Reservation__PaymentWindow"] = "00:00:02";
        environment["Auth__OperatorKey"] = OperatorKey;
        environment["Auth__OperatorFieldsWithoutKey"] = "false";
    }
}
