using Booking.Bench.PeerApp.Seed;
using Microsoft.DurableTask;

namespace Booking.Bench.Peer;

/// <summary>The seed's <c>arn:aws:states:::dynamodb:getItem</c> task, "Get Apartment Status": the status it read.</summary>
[DurableTask(Name)]
internal sealed class GetItemActivity(SeedApartments apartments) : TaskActivity<string, string?>
{
    public const string Name = SeedTasks.GetItem;

    public override Task<string?> RunAsync(TaskActivityContext context, string input) => apartments.GetStatusAsync(input, CancellationToken.None);
}
