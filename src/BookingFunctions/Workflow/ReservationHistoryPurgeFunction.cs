using Booking.Core.Reservations;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BookingFunctions.Workflow;

/// <summary>On <c>Reservation:HistoryPurgeSchedule</c>, purges the task hub's history of reservations that ended longer
/// ago than <c>Reservation:HistoryRetention</c> (see <see cref="ReservationHistoryPurger"/>).</summary>
public sealed class ReservationHistoryPurgeFunction(ReservationHistoryPurger purger)
{
    public const string Name = "PurgeReservationHistory";

    [Function(Name)]
    public Task<int> RunAsync(
        [TimerTrigger("%Reservation:HistoryPurgeSchedule%")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) => purger.PurgeAsync(client, cancellationToken);
}
