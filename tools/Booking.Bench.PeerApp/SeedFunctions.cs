using System.Text.Json;
using Booking.Bench.PeerApp.Seed;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Booking.Bench.PeerApp;

/// <summary>
/// The seed's pieces as functions: the starter Lambda (<c>POST /api/start</c>: start an execution and return), the
/// state machine, and its two DynamoDB tasks. The seed's Task states have no retry policy, so neither do these.
/// </summary>
public sealed class SeedFunctions(SeedApartments apartments)
{
    [Function("start")]
    public static async Task<IActionResult> StartAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "start")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        StartRequest? start;
        try
        {
            start = await JsonSerializer.DeserializeAsync<StartRequest>(request.Body, JsonSerializerOptions.Web, request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            start = null;
        }

        if (start is not { Id.Length: > 0, ApartmentId.Length: > 0, WaitSeconds: > 0 })
        {
            return new BadRequestResult();
        }

        var input = new SeedRequest(start.ApartmentId, "reserved", TimeSpan.FromSeconds(start.WaitSeconds));
        await client.ScheduleNewOrchestrationInstanceAsync(SeedStateMachine.Name, input, new StartOrchestrationOptions(start.Id));
        return new OkObjectResult(new { id = start.Id });
    }

    [Function(SeedStateMachine.Name)]
    public static Task<SeedEnding> RunStateMachineAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new SeedStateMachine().RunAsync(context, context.GetInput<SeedRequest>()
            ?? throw new InvalidOperationException("The state machine was started without input."));

    [Function(SeedTasks.UpdateItem)]
    public async Task<bool> UpdateItemAsync([ActivityTrigger] StatusChange change, CancellationToken cancellationToken)
    {
        await apartments.SetStatusAsync(change, cancellationToken);
        return true;
    }

    [Function(SeedTasks.GetItem)]
    public Task<string?> GetItemAsync([ActivityTrigger] string apartmentId, CancellationToken cancellationToken) =>
        apartments.GetStatusAsync(apartmentId, cancellationToken);
}
