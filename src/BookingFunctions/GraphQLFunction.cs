using Booking.Api.Access;
using Booking.Api.Http;
using Booking.Api.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BookingFunctions;

/// <summary>
/// <c>/api/graphql</c>: hands the request, with this invocation's durable client, to the shared GraphQL-over-HTTP handler.
/// The handler writes the response itself, so the function returns an empty result. Every method reaches it, as on the
/// local host, so a PUT or DELETE gets the handler's 405 with an Allow header and a coded error instead of the host's
/// bare 404.
/// </summary>
public sealed class GraphQLFunction(GraphQLHttpHandler<BookingSchema> handler)
{
    [Function("graphql")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, Route = "graphql")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        request.HttpContext.UseDurableClient(client);
        await handler.HandleAsync(request.HttpContext);
        return new EmptyResult();
    }
}
