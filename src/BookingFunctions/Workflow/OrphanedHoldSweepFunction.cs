using Booking.Core.Reservations;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BookingFunctions.Workflow;

/// <summary>On <c>Reservation:SweepSchedule</c> (an app setting the host resolves), releases holds whose workflow is
/// dead or lost (see <see cref="OrphanedHoldSweeper"/>).</summary>
public sealed class OrphanedHoldSweepFunction(OrphanedHoldSweeper sweeper)
{
    public const string Name = "SweepOrphanedHolds";

    [Function(Name)]
    public Task<int> RunAsync(
        [TimerTrigger("%Reservation:SweepSchedule%")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) => sweeper.SweepAsync(client, cancellationToken);
}
