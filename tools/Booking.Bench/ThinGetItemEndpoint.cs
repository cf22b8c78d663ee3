using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Booking.Core.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Booking.Bench;

/// <summary>
/// The thinnest HTTP endpoint that answers what <c>apartment(id)</c> answers: a minimal ASP.NET Core app in the bench
/// process, <c>GET /apartments/{id}</c> → one consistent GetItem (as the product's store reads) → <c>{id, status}</c>
/// as JSON, or 404. It is the API overhead's baseline, not product code; its DynamoDB calls pass the bench's relay.
/// </summary>
internal sealed class ThinGetItemEndpoint : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly IAmazonDynamoDB dynamoDb;

    private ThinGetItemEndpoint(WebApplication app, IAmazonDynamoDB dynamoDb)
    {
        this.app = app;
        this.dynamoDb = dynamoDb;
    }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public static async Task<ThinGetItemEndpoint> StartAsync(string dynamoDbServiceUrl, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var dynamoDb = DynamoDbClientFactory.Create(BenchStack.Options(dynamoDbServiceUrl));
        var app = builder.Build();
        app.MapGet("/apartments/{id}", async (string id, CancellationToken ct) =>
        {
            var item = (await dynamoDb.GetItemAsync(
                new GetItemRequest { TableName = BenchStack.TableName, Key = new() { ["Id"] = new(id) }, ConsistentRead = true }, ct)).Item;
            return item is { Count: > 0 }
                ? Results.Json(new { id, status = item.GetValueOrDefault("status")?.S })
                : Results.NotFound();
        });
        var endpoint = new ThinGetItemEndpoint(app, dynamoDb);
        await app.StartAsync(cancellationToken);
        endpoint.BaseAddress = new Uri(app.Urls.Single().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        return endpoint;
    }

    /// <summary>True when the apartment came back.</summary>
    public async Task<bool> GetAsync(HttpClient http, string apartmentId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(BaseAddress, "apartments/" + Uri.EscapeDataString(apartmentId)), cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return response.IsSuccessStatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        dynamoDb.Dispose();
    }
}
