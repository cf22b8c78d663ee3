using System.Net;
using System.Text.Json;
using Booking.Api.Health;

namespace BookingFunctions.Tests;

/// <summary>With the task hub's storage down, or the apartment table missing, the Function App answers what a client
/// can act on: the GraphQL field is SERVICE_UNAVAILABLE (not an internal error) and the health check is 503 naming what
/// did not answer.</summary>
[Trait(FunctionsHostCategory.Name, FunctionsHostCategory.Value)]
public sealed class StorageOutageTests(StorageOutageFixture fixture) : IClassFixture<StorageOutageFixture>
{
    [Fact]
    public async Task While_task_hub_storage_is_down_reservations_still_read_starting_one_is_SERVICE_UNAVAILABLE_and_health_is_503()
    {
        await fixture.Azurite.StopAsync();
        try
        {
            // Reads come from the reservation records in DynamoDB, so they do not need the task hub.
            var read = await fixture.Host.PostAsync("query { reservation(id: \"r-during-outage\") { status } }");
            Assert.Equal("{\"data\":{\"reservation\":null}}", read.Body);
            await AssertUnavailableAsync("mutation { reserveApartment(input: {apartmentId: \"1234567\"}) { status } }", dynamoDb: "reachable", taskHub: "unreachable");
        }
        finally
        {
            await fixture.Azurite.StartAsync();
        }
    }

    [Fact]
    public async Task While_the_apartment_table_is_missing_reads_are_SERVICE_UNAVAILABLE_and_health_is_503()
    {
        using var dynamoDb = fixture.Dynalite.CreateClient();
        await dynamoDb.DeleteTableAsync(fixture.TableName);
        await WaitUntilGoneAsync(dynamoDb);
        try
        {
            await AssertUnavailableAsync("query { apartment(id: \"1234567\") { status } }", dynamoDb: "unreachable", taskHub: "reachable");
        }
        finally
        {
            await fixture.Table.EnsureTableAsync();
        }
    }

    /// <summary>dynalite deletes a table in the background (DELETING first); waits until it is gone.</summary>
    private async Task WaitUntilGoneAsync(Amazon.DynamoDBv2.IAmazonDynamoDB dynamoDb)
    {
        for (var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            try
            {
                await dynamoDb.DescribeTableAsync(fixture.TableName);
            }
            catch (Amazon.DynamoDBv2.Model.ResourceNotFoundException)
            {
                return;
            }
        }

        Assert.Fail($"Table {fixture.TableName} was still there 30 s after it was deleted.");
    }

    private async Task AssertUnavailableAsync(string query, string dynamoDb, string taskHub)
    {
        var read = await fixture.Host.PostAsync(query);
        var (status, health) = await HealthOnceItsCacheHasExpiredAsync();

        Assert.Equal(HttpStatusCode.OK, read.Status);
        var error = Assert.Single(read.Json.GetProperty("errors").EnumerateArray());
        Assert.True(error.GetProperty("extensions").GetProperty("code").GetString() == "SERVICE_UNAVAILABLE", $"Expected SERVICE_UNAVAILABLE: {read.Body}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(("unhealthy", dynamoDb, taskHub), (
            health.GetProperty("status").GetString(),
            health.GetProperty("dynamoDb").GetString(),
            health.GetProperty("taskHub").GetString()));
    }

    /// <summary>The health check keeps its answer for <see cref="HealthEndpoint.CacheFor"/>, and the other test may have
    /// asked just before: the answer after that long is one probed during this outage.</summary>
    private async Task<(HttpStatusCode Status, JsonElement Body)> HealthOnceItsCacheHasExpiredAsync()
    {
        await Task.Delay(HealthEndpoint.CacheFor + TimeSpan.FromMilliseconds(100));
        using var health = await fixture.Host.Http.GetAsync("health");
        return (health.StatusCode, JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}
