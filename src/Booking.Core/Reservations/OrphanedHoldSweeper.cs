using Booking.Core.Apartments;
using Booking.Core.Configuration;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Booking.Core.Reservations;

/// <summary>
/// Releases holds whose workflow is gone (lost, terminated, purged): an apartment still <c>reserved</c> past its
/// reservedUntil plus a grace period. A hold whose workflow is still running is left to that workflow, and the release
/// is conditional, so a paid or re-booked apartment is never touched.
/// </summary>
public sealed class OrphanedHoldSweeper(IApartmentStore store, IOptions<ReservationOptions> options, TimeProvider clock, ILogger<OrphanedHoldSweeper> logger)
{
    private const int PageSize = 100;

    /// <summary>Sweeps the whole table once; returns how many holds it released.</summary>
    public async Task<int> SweepAsync(DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow() - options.Value.SweepGracePeriod;
        var released = 0;
        string? pageToken = null;
        do
        {
            var page = await store.ListAsync(PageSize, pageToken, cancellationToken);
            foreach (var apartment in page.Items)
            {
                if (apartment is { Status: ApartmentStatus.Reserved, ReservationId: { } reservationId, ReservedUntil: { } until }
                    && until < cutoff
                    && Validation.InputRules.CheckReservationId(reservationId) is null
                    && !await IsWorkflowAliveAsync(client, reservationId, cancellationToken))
                {
                    var result = await store.ReleaseExpiredHoldAsync(apartment.Id, reservationId, cutoff, cancellationToken);
                    if (result.Applied)
                    {
                        released++;
                        logger.LogWarning("Released orphaned hold of reservation {ReservationId} on apartment {ApartmentId} (reserved until {ReservedUntil:O})", reservationId, apartment.Id, until);
                    }
                }
            }

            pageToken = page.NextPageToken;
        }
        while (pageToken is not null);

        return released;
    }

    private static async Task<bool> IsWorkflowAliveAsync(DurableTaskClient client, string reservationId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(reservationId, getInputsAndOutputs: false, cancellationToken);
        return instance?.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended;
    }
}
