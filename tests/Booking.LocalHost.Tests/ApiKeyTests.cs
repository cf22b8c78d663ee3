using System.Net;
using System.Net.Http.Headers;
using Booking.Core.Apartments;
using Booking.Testing.Contracts;

namespace Booking.LocalHost.Tests;

/// <summary>The local host's API key, checked from outside the process.</summary>
public sealed class ApiKeyTests(KeyedHostFixture keyed) : IClassFixture<KeyedHostFixture>
{
    private LocalHostProcess Host => keyed.Host;

    [Fact]
    public async Task Requests_without_the_right_key_get_401_with_a_JSON_error_and_change_nothing()
    {
        var (host, table, key) = (Host, keyed.Table, keyed.ApiKey);
        var vacant = "apt-" + Guid.NewGuid().ToString("N")[..10];
        await host.AddApartmentAsync(vacant, keyed.OperatorKey);
        var refused = new Dictionary<string, Action<HttpRequestHeaders>>
        {
            ["no key"] = _ => { },
            ["wrong x-api-key"] = h => h.Add("x-api-key", key + "x"),
            ["wrong x-functions-key"] = h => h.Add("x-functions-key", "wrong"),
            ["key as a bearer token"] = h => h.Authorization = new AuthenticationHeaderValue("Bearer", key),
            ["empty x-api-key"] = h => h.TryAddWithoutValidation("x-api-key", string.Empty),
        };

        foreach (var (what, headers) in refused)
        {
            var newApartment = "apt-" + Guid.NewGuid().ToString("N")[..10];
            var added = await host.PostAsync("mutation($id: ID!) { addApartment(id: $id) { id } }", new { id = newApartment }, headers);
            var reserved = await host.PostAsync(
                "mutation($id: ID!) { reserveApartment(input: {apartmentId: $id, reservationId: $id, paymentWindowSeconds: 60}) { status } }",
                new { id = vacant },
                headers);

            foreach (var response in new[] { added, reserved })
            {
                Assert.True(response.Status == HttpStatusCode.Unauthorized, $"{what}: expected 401, got {(int)response.Status} {response.Body}");
                Assert.Equal("application/json", response.MediaType);
                Assert.Equal("UNAUTHENTICATED", response.Json.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
            }

            Assert.Null(await table.GetAsync(newApartment));
            Assert.Equal(new Apartment(vacant, ApartmentStatus.Vacant), (await table.GetAsync(vacant))! with { UpdatedAt = null });
            Assert.Null(await host.ReservationStatusAsync(vacant));
        }
    }

    [Theory]
    [InlineData("x-api-key")]
    [InlineData("x-functions-key")]
    public async Task Right_key_in_either_header_is_let_through(string header)
    {
        var id = "apt-" + Guid.NewGuid().ToString("N")[..10];

        var response = await Host.PostAsync("mutation($id: ID!) { addApartment(id: $id) { id status } }", new { id }, h =>
        {
            h.Add(header, keyed.ApiKey);
            h.Add("x-operator-key", keyed.OperatorKey);
        });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("VACANT", response.Data.GetProperty("addApartment").GetProperty("status").GetString());
        Assert.NotNull(await keyed.Table.GetAsync(id));
    }

    [Fact]
    public Task With_keys_configured_operator_fields_and_hold_details_need_the_operator_key() =>
        OperatorKeyChecks.ClientKeyCannotUseOperatorFieldsAndOperatorKeyCanAsync(Host, keyed.Table, keyed.OperatorKey);

    [Fact]
    public async Task Without_a_webhook_secret_a_payment_webhook_is_refused_without_asking_for_the_API_key()
    {
        var body = """{"eventId":"evt-1","type":"payment.succeeded","reservationId":"r-1"}""";

        var response = await Host.PostPaymentWebhookAsync(body, "t=1,v1=00");

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("WEBHOOK_DISABLED", response.Json.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Health_needs_no_key_as_in_the_function_app()
    {
        using var response = await Host.Http.GetAsync("health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Neither_the_API_key_nor_the_AWS_secret_appears_in_the_hosts_output_even_at_debug_level()
    {
        var (host, key) = (Host, keyed.ApiKey);
        var id = "apt-" + Guid.NewGuid().ToString("N")[..10];

        await host.AddApartmentAsync(id, keyed.OperatorKey);
        await host.ReserveAsync(id, "r-" + id, paymentWindowSeconds: 1);
        await host.WaitForFinalStatusAsync("r-" + id, DateTime.UtcNow + TimeSpan.FromSeconds(30));
        await host.PostAsync("{ apartments { items { id } } }", headers: h => h.Add("x-api-key", "not-" + key));

        var output = host.Output;
        Assert.Contains("Added sample apartment", output, StringComparison.Ordinal);
        Assert.Contains("Request starting", output, StringComparison.Ordinal);
        Assert.DoesNotContain(key, output, StringComparison.Ordinal);
        Assert.DoesNotContain(keyed.AwsSecret, output, StringComparison.Ordinal);
    }
}
