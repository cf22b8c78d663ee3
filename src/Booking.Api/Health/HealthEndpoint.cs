using Booking.Core.Apartments;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Booking.Api.Health;

/// <summary>
/// <c>GET /api/health</c>, shared by both hosts and open without a key (load balancers and uptime checks carry none):
/// 200 when DynamoDB and the task hub both answer a point read, 503 naming which did not. It reveals nothing else: no
/// table or hub names, no versions, no error text. Anyone may call it, so the answer is kept for
/// <see cref="CacheFor"/>: however many calls arrive, the stores see one probe of each in that time.
/// </summary>
public sealed partial class HealthEndpoint(IApartmentStore store, TimeProvider clock, ILogger<HealthEndpoint> logger)
{
    public const string Route = "health";

    /// <summary>Short enough that an uptime check sees an outage within seconds.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    // Neither id exists: each check is one point read, the cheapest request that still proves the table or the task
    // hub's instance table is there and answering.
    private const string ProbeId = "health-probe";

    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();

    private (DateTimeOffset At, Task<Report> Report)? latest;

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

        var (dynamoDbUp, taskHubUp) = await ReportFor(client).WaitAsync(context.RequestAborted);

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

    /// <summary>The latest report while it is fresh, else a new probe; callers that arrive while it runs share it.</summary>
    private Task<Report> ReportFor(DurableTaskClient client)
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (latest is { } kept && now - kept.At < CacheFor)
            {
                return kept.Report;
            }

            var report = ProbeAsync(client);
            latest = (now, report);
            return report;
        }
    }

    /// <summary>Not tied to the request that started it: the callers sharing the probe must not lose it when that one
    /// goes away.</summary>
    private async Task<Report> ProbeAsync(DurableTaskClient client)
    {
        var dynamoDb = CheckAsync("DynamoDB", ct => store.GetAsync(ProbeId, ct));
        var taskHub = CheckAsync("task hub", ct => client.GetInstanceAsync(ProbeId, getInputsAndOutputs: false, ct));
        return new Report(await dynamoDb, await taskHub);
    }

    private async Task<bool> CheckAsync(string what, Func<CancellationToken, Task> probe)
    {
        using var timeout = new CancellationTokenSource(CheckTimeout);
        try
        {
            await probe(timeout.Token);
            return true;
        }
        catch (Exception e)
        {
            LogUnreachable(logger, what, e.GetType().Name, e.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health check: the {Service} could not be reached: {ExceptionType}: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string service, string exceptionType, string reason);

    private sealed record Report(bool DynamoDbUp, bool TaskHubUp);
}
