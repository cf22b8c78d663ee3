using Booking.Core.Reservations;
using Microsoft.DurableTask.Client;

namespace Booking.Api.Services;

/// <summary>Reads a reservation from its workflow instance: the outcome once it has ended, the custom status while it
/// runs, and FAILED when the workflow itself failed or was terminated.</summary>
internal static class ReservationViews
{
    public static bool IsReservation(this OrchestrationMetadata instance) =>
        string.Equals(instance.Name, ReservationOrchestrator.Name, StringComparison.Ordinal);

    public static ReservationView ToView(this OrchestrationMetadata instance)
    {
        if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            && instance.ReadOutputAs<ReservationOutcome>() is { } outcome)
        {
            return new ReservationView(
                instance.InstanceId,
                outcome.ApartmentId,
                outcome.Status,
                outcome.ExpiresAt,
                outcome.ErrorCode?.ToString(),
                outcome.ErrorMessage);
        }

        var apartmentId = instance.ReadInputAs<ReservationRequest>()?.ApartmentId ?? string.Empty;
        if (instance.IsCompleted)
        {
            // The failure details may carry internal exception text, so the client gets a fixed message; the
            // workflow's own logs have the rest.
            var what = instance.RuntimeStatus == OrchestrationRuntimeStatus.Terminated ? "was terminated" : "failed";
            return new ReservationView(
                instance.InstanceId,
                apartmentId,
                ReservationStatus.Failed,
                null,
                nameof(ReservationErrorCode.WorkflowFailed),
                $"The reservation workflow {what} before it reached an outcome.");
        }

        var progress = instance.ReadCustomStatusAs<ReservationProgress>();
        return new ReservationView(
            instance.InstanceId,
            progress?.ApartmentId ?? apartmentId,
            progress?.Status ?? ReservationStatus.Requested,
            progress?.ExpiresAt);
    }

    /// <summary>True once the hold on the apartment is decided (held, refused, or the workflow ended).</summary>
    public static bool HoldDecided(this OrchestrationMetadata instance) =>
        instance.IsCompleted || instance.ReadCustomStatusAs<ReservationProgress>() is { Status: not ReservationStatus.Requested };
}
