using Microsoft.DurableTask;

namespace Booking.Bench.PeerApp.Seed;

/// <summary>
/// The peer: the seed's Step Functions state machine ported step for step onto the same engine as ours (a Function App
/// of its own under the Functions host, or the stand-in engine), with the provider's defaults: Change Apartment Status
/// → Wait (one durable timer, taken as the provider delivers it) → Get Apartment Status → Has Client Made Payment? →
/// revert to vacant unless paid. No early payment: a payment is someone writing <c>paid</c> during the wait. One
/// change: the Choice and the revert use the input's apartment instead of the seed's hard-coded <c>1234567</c>, or
/// every peer reservation would act on one apartment.
/// </summary>
[DurableTask(Name)]
public sealed class SeedStateMachine : TaskOrchestrator<SeedRequest, SeedEnding>
{
    public const string Name = nameof(SeedStateMachine);

    public override async Task<SeedEnding> RunAsync(TaskOrchestrationContext context, SeedRequest input)
    {
        try
        {
            // "Change Apartment Status"
            await context.CallActivityAsync<bool>(SeedTasks.UpdateItem, new StatusChange(input.ApartmentId, input.Status, OnlyIfExists: true));
        }
        catch (TaskFailedException)
        {
            // Catch States.TaskFailed → "Fail": the apartment does not exist.
            return SeedEnding.Failed;
        }

        // "Wait", then "Get Apartment Status" and "Has Client Made Payment ?"
        await context.CreateTimer(input.Wait, CancellationToken.None);
        if (await context.CallActivityAsync<string?>(SeedTasks.GetItem, input.ApartmentId) == "paid")
        {
            // "Payment Was made."
            return SeedEnding.Paid;
        }

        // "Payment Wasn't Made, revert."
        await context.CallActivityAsync<bool>(SeedTasks.UpdateItem, new StatusChange(input.ApartmentId, "vacant", OnlyIfExists: false));
        return SeedEnding.Expired;
    }
}
