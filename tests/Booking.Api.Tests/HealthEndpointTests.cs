using System.Text;
using Booking.Api.Health;
using Booking.Core.Apartments;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Booking.Api.Tests;

/// <summary>The health check answers anyone, so it probes the stores at most once per <see cref="HealthEndpoint.CacheFor"/>.</summary>
[Collection(ApiCollection.Name)]
public sealed class HealthEndpointTests(ApiFixture server)
{
    [Fact]
    public async Task Calls_within_the_cache_period_cost_one_probe_and_a_call_after_it_probes_again()
    {
        var (store, counter) = CountingApartmentStore.Over(server.Store);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var health = new HealthEndpoint(store, clock, NullLogger<HealthEndpoint>.Instance);

        var first = await GetAsync(health);
        clock.Advance(HealthEndpoint.CacheFor - TimeSpan.FromMilliseconds(1));
        var second = await GetAsync(health);
        var probesWithin = counter.Gets;
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await GetAsync(health);

        Assert.Equal((StatusCodes.Status200OK, """{"status":"healthy","dynamoDb":"reachable","taskHub":"reachable"}"""), first);
        Assert.Equal(first, second);
        Assert.Equal(1, probesWithin);
        Assert.Equal(2, counter.Gets);
    }

    [Fact]
    public async Task Calls_that_arrive_while_a_probe_runs_share_it()
    {
        var (store, counter) = CountingApartmentStore.Over(server.Store);
        var health = new HealthEndpoint(store, new FakeTimeProvider(DateTimeOffset.UtcNow), NullLogger<HealthEndpoint>.Instance);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => GetAsync(health)));

        Assert.All(answers, answer => Assert.Equal(StatusCodes.Status200OK, answer.Status));
        Assert.Equal(1, counter.Gets);
    }

    private async Task<(int Status, string Body)> GetAsync(HealthEndpoint health)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        using var body = new MemoryStream();
        context.Response.Body = body;

        await health.HandleAsync(context, server.Durable);

        return (context.Response.StatusCode, Encoding.UTF8.GetString(body.ToArray()));
    }
}
