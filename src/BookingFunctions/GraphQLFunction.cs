using Booking.Api.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BookingFunctions;

/// <summary>
/// <c>GET|POST /api/graphql</c>: hands the request to the shared GraphQL-over-HTTP handler with this invocation's
/// durable client. The handler writes the response itself, so the function returns an empty result.
/// </summary>
public sealed class GraphQLFunction(GraphQLHttpHandler handler)
{
    [Function("graphql")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = "graphql")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        await handler.HandleAsync(request.HttpContext, client);
        return new EmptyResult();
    }
}
