using Booking.Testing.Contracts;

namespace Booking.LocalHost.Tests;

/// <summary>End to end: the local host process, driven over HTTP, does what every host does (the shared
/// <see cref="BookingHostContract"/>), and serves the sample data without a key.</summary>
public sealed class EndToEndTests(SharedHostFixture running) : BookingHostContract(running), IClassFixture<SharedHostFixture>
{
    private LocalHostProcess Host => running.Host;

    [Fact]
    public async Task Host_seeds_the_sample_apartments_including_the_seed_articles_1234567()
    {
        var response = await Host.PostAsync("{ apartments(first: 250) { items { id status } } }");

        var ids = response.Data.GetProperty("apartments").GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();
        Assert.Superset(new HashSet<string?> { "1234567", "apt-101", "apt-102", "apt-103" }, ids.ToHashSet());
        Assert.NotNull(await running.Table.GetAsync("1234567"));
    }

    [Fact]
    public async Task Without_an_API_key_setting_requests_need_no_key()
    {
        var response = await Host.PostAsync("{ apartments { items { id } } }", headers: _ => { });

        Assert.Equal(System.Net.HttpStatusCode.OK, response.Status);
        Assert.NotEqual(0, response.Data.GetProperty("apartments").GetProperty("items").GetArrayLength());
    }
}
