using System.Net;

namespace Booking.Api.Tests;

/// <summary>A store that cannot be reached is the server's problem, told to the client as a retryable field error.
/// Uses a server of its own, because it stops that server's dynalite.</summary>
public sealed class StoreOutageTests(ApiFixture server) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Unreachable_store_is_a_SERVICE_UNAVAILABLE_field_error_with_200_not_a_500()
    {
        var id = await server.AddApartmentAsync();
        await server.StopStoreAsync();

        var document = "query($id: ID!) { apartment(id: $id) { id } }";
        var response = await server.PostAsync(document, new { id });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(
            Expected.FieldError(
                "The booking store could not be reached; try again shortly. Repeating a reservationId never books twice.",
                document,
                "apartment",
                new { code = "SERVICE_UNAVAILABLE" },
                nullableField: true),
            response.Body);
    }
}
