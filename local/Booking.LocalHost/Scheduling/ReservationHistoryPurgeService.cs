using Booking.Core.Configuration;
using Booking.Core.Reservations;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Booking.LocalHost.Scheduling;

/// <summary>The local host's counterpart of the Function App's history purge timer, on the same
/// <c>Reservation:HistoryPurgeSchedule</c> (validated at start-up, so it parses).</summary>
public sealed class ReservationHistoryPurgeService(
    ReservationHistoryPurger purger,
    DurableTaskClient client,
    IOptions<ReservationOptions> options,
    TimeProvider clock,
    ILogger<ReservationHistoryPurgeService> logger) : ScheduledService(options.Value.ParseHistoryPurgeSchedule()!, clock, logger)
{
    protected override string What => "Purging ended workflow history";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => purger.PurgeAsync(client, cancellationToken);
}
