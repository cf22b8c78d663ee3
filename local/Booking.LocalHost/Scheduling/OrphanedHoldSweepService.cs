using Booking.Core.Configuration;
using Booking.Core.Reservations;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Booking.LocalHost.Scheduling;

/// <summary>The local host's counterpart of the Function App's sweep timer, on the same
/// <c>Reservation:SweepSchedule</c> (validated at start-up, so it parses).</summary>
public sealed class OrphanedHoldSweepService(
    OrphanedHoldSweeper sweeper,
    DurableTaskClient client,
    IOptions<ReservationOptions> options,
    TimeProvider clock,
    ILogger<OrphanedHoldSweepService> logger) : ScheduledService(options.Value.ParseSweepSchedule()!, clock, logger)
{
    protected override string What => "Sweeping orphaned holds";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => sweeper.SweepAsync(client, cancellationToken);
}
