using Booking.Api.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BookingFunctions;

/// <summary>
/// <c>/api/graphql</c>: hands the request to the shared GraphQL-over-HTTP handler with this invocation's durable client.
/// The handler writes the response itself, so the function returns an empty result. Every method reaches it, as on the
/// local host, so a PUT or DELETE gets the handler's 405 with an Allow header and a coded error instead of the host's
/// bare 404.
/// </summary>
public sealed class GraphQLFunction(GraphQLHttpHandler handler)
{
    [Function("graphql")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, Route = "graphql")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        await handler.HandleAsync(request.HttpContext, client);
        return new EmptyResult();
    }
}
