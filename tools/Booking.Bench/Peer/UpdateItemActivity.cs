using Booking.Bench.PeerApp.Seed;
using Microsoft.DurableTask;

namespace Booking.Bench.Peer;

/// <summary>The seed's <c>arn:aws:states:::dynamodb:updateItem</c> task, used by "Change Apartment Status" and "Payment
/// Wasn't Made, revert.".</summary>
[DurableTask(Name)]
internal sealed class UpdateItemActivity(SeedApartments apartments) : TaskActivity<StatusChange, bool>
{
    public const string Name = SeedTasks.UpdateItem;

    public override async Task<bool> RunAsync(TaskActivityContext context, StatusChange input)
    {
        await apartments.SetStatusAsync(input, CancellationToken.None);
        return true;
    }
}
