using System.Net;

namespace Booking.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class SmokeTests(ApiServer server)
{
    [Fact]
    public async Task Typename_query_over_POST_is_answered_with_200()
    {
        var response = await server.PostAsync("{ __typename }");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("{\"data\":{\"__typename\":\"Query\"}}", response.Body);
    }
}
