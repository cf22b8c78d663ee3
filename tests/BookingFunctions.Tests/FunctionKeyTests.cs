using System.Net;
using System.Net.Http.Headers;
using Booking.Core.Apartments;
using Booking.Testing.Contracts;

namespace BookingFunctions.Tests;

/// <summary>With keys enforced, as in Azure, the Functions host refuses a request without the function key before the
/// app sees it, so nothing changes; the health check stays open.</summary>
[Trait(FunctionsHostCategory.Name, FunctionsHostCategory.Value)]
public sealed class FunctionKeyTests(KeyedFunctionAppFixture keyed) : IClassFixture<KeyedFunctionAppFixture>
{
    [Fact]
    public async Task Requests_without_the_right_key_get_401_and_change_nothing()
    {
        var (host, table) = (keyed.Host, keyed.Table);
        var vacant = "apt-" + Guid.NewGuid().ToString("N")[..10];
        await host.AddApartmentAsync(vacant, keyed.OperatorKey);
        var refused = new Dictionary<string, Action<HttpRequestHeaders>>
        {
            ["no key"] = _ => { },
            ["wrong x-functions-key"] = h => h.Add("x-functions-key", host.FunctionKey + "x"),
            ["key as a bearer token"] = h => h.Authorization = new AuthenticationHeaderValue("Bearer", host.FunctionKey),
        };

        foreach (var (what, headers) in refused)
        {
            var newApartment = "apt-" + Guid.NewGuid().ToString("N")[..10];
            var added = await host.PostAsync("mutation($id: ID!) { addApartment(id: $id) { id } }", new { id = newApartment }, headers);
            var reserved = await host.PostAsync(
                "mutation($id: ID!) { reserveApartment(input: {apartmentId: $id, reservationId: $id, paymentWindowSeconds: 60}) { status } }",
                new { id = vacant },
                headers);

            Assert.True(added.Status == HttpStatusCode.Unauthorized, $"{what}: expected 401, got {(int)added.Status} {added.Body}");
            Assert.True(reserved.Status == HttpStatusCode.Unauthorized, $"{what}: expected 401, got {(int)reserved.Status} {reserved.Body}");
            Assert.Null(await table.GetAsync(newApartment));
            Assert.Equal(new Apartment(vacant, ApartmentStatus.Vacant), (await table.GetAsync(vacant))! with { UpdatedAt = null });
            Assert.Null(await host.ReservationStatusAsync(vacant));
        }
    }

    [Fact]
    public async Task Right_key_in_the_header_or_the_query_string_is_let_through()
    {
        var (host, table) = (keyed.Host, keyed.Table);
        var inHeader = "apt-" + Guid.NewGuid().ToString("N")[..10];
        var inQuery = "apt-" + Guid.NewGuid().ToString("N")[..10];

        await host.AddApartmentAsync(inHeader, keyed.OperatorKey);
        using var response = await host.Http.GetAsync($"graphql?code={Uri.EscapeDataString(host.FunctionKey!)}&query={Uri.EscapeDataString("{ apartments(first: 250) { items { id } } }")}");

        Assert.NotNull(await table.GetAsync(inHeader));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(inHeader, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await table.GetAsync(inQuery));
    }

    [Fact]
    public Task With_keys_enforced_operator_fields_and_hold_details_need_the_operator_key() =>
        OperatorKeyChecks.ClientKeyCannotUseOperatorFieldsAndOperatorKeyCanAsync(keyed.Host, keyed.Table, keyed.OperatorKey);

    [Fact]
    public async Task With_GraphiQL_off_as_in_Azure_a_browser_gets_no_IDE_but_a_JSON_error()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "graphql");
        request.Headers.Add("x-functions-key", keyed.Host.FunctionKey);
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        using var response = await keyed.Host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no 'query' parameter", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_webhook_secret_every_payment_webhook_is_refused_and_changes_nothing()
    {
        var (host, table) = (keyed.Host, keyed.Table);
        var apartmentId = "apt-" + Guid.NewGuid().ToString("N")[..10];
        await host.AddApartmentAsync(apartmentId, keyed.OperatorKey);
        await host.ReserveAsync(apartmentId, "r-" + apartmentId, paymentWindowSeconds: 60);
        var body = $$"""{"eventId":"evt-1","type":"payment.succeeded","reservationId":"r-{{apartmentId}}"}""";

        var response = await host.PostPaymentWebhookAsync(body, Booking.Api.Payments.PaymentSignature.Sign("any-secret", DateTimeOffset.UtcNow, System.Text.Encoding.UTF8.GetBytes(body)));

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("WEBHOOK_DISABLED", response.Json.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(ApartmentStatus.Reserved, (await table.GetAsync(apartmentId))!.Status);
        Assert.Equal("PENDING_PAYMENT", await host.ReservationStatusAsync("r-" + apartmentId));
    }

    [Fact]
    public async Task Health_needs_no_key()
    {
        using var response = await keyed.Host.Http.GetAsync("health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
