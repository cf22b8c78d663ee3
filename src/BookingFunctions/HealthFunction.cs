using Booking.Api.Health;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BookingFunctions;

/// <summary><c>GET /api/health</c> without a key: whether DynamoDB and the task hub answer, and nothing more.</summary>
public sealed class HealthFunction(HealthEndpoint endpoint)
{
    [Function("health")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = HealthEndpoint.Route)] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        await endpoint.HandleAsync(request.HttpContext, client);
        return new EmptyResult();
    }
}
