using Booking.Core.Apartments;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Booking.Api.Health;

/// <summary>
/// <c>GET /api/health</c>, shared by both hosts and open without a key (load balancers and uptime checks carry none):
/// 200 when DynamoDB and the task hub both answer a point read, 503 naming which did not. It reveals nothing else: no
/// table or hub names, no versions, no error text.
/// </summary>
public sealed partial class HealthEndpoint(IApartmentStore store, ILogger<HealthEndpoint> logger)
{
    public const string Route = "health";

    // Neither id exists: each check is one point read, the cheapest request that still proves the table or the task
    // hub's instance table is there and answering.
    private const string ProbeId = "health-probe";

    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public async Task HandleAsync(HttpContext context, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(client);
        context.Response.Headers.CacheControl = "no-store";
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "GET, HEAD";
            await context.Response.WriteAsJsonAsync(new { error = "Use GET for /api/health." }, context.RequestAborted);
            return;
        }

        var dynamoDb = CheckAsync("DynamoDB", ct => store.GetAsync(ProbeId, ct), context.RequestAborted);
        var taskHub = CheckAsync("task hub", ct => client.GetInstanceAsync(ProbeId, getInputsAndOutputs: false, ct), context.RequestAborted);
        var (dynamoDbUp, taskHubUp) = (await dynamoDb, await taskHub);

        context.Response.StatusCode = dynamoDbUp && taskHubUp ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        await context.Response.WriteAsJsonAsync(
            new
            {
                status = dynamoDbUp && taskHubUp ? "healthy" : "unhealthy",
                dynamoDb = dynamoDbUp ? "reachable" : "unreachable",
                taskHub = taskHubUp ? "reachable" : "unreachable",
            },
            context.RequestAborted);
    }

    private async Task<bool> CheckAsync(string what, Func<CancellationToken, Task> probe, CancellationToken requestAborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            await probe(timeout.Token);
            return true;
        }
        catch (Exception e) when (!requestAborted.IsCancellationRequested)
        {
            LogUnreachable(logger, what, e.GetType().Name, e.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health check: the {Service} could not be reached: {ExceptionType}: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string service, string exceptionType, string reason);
}
