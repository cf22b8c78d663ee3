using Booking.Core.Reservations;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Xunit;

namespace Booking.Testing;

/// <summary>Starting and awaiting reservation workflows through any <see cref="DurableTaskClient"/>: the engine's,
/// the in-process test host's, a test host's.</summary>
public static class DurableReservations
{
    public static Task<string> StartAsync(this DurableTaskClient client, string reservationId, string apartmentId, TimeSpan window) =>
        client.ScheduleNewOrchestrationInstanceAsync(
            ReservationOrchestrator.Name,
            new ReservationRequest(reservationId, apartmentId, window),
            new StartOrchestrationOptions(reservationId));

    public static async Task<ReservationOutcome> OutcomeAsync(this DurableTaskClient client, string reservationId, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var metadata = await client.WaitForInstanceCompletionAsync(reservationId, getInputsAndOutputs: true, cts.Token);
        Assert.True(metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{reservationId} ended {metadata.RuntimeStatus}: {metadata.FailureDetails}");
        return metadata.ReadOutputAs<ReservationOutcome>() ?? throw new InvalidOperationException($"{reservationId} has no output.");
    }

    /// <summary>Waits until the reservation holds its apartment and waits for payment.</summary>
    public static Task<ReservationProgress> PendingPaymentAsync(this DurableTaskClient client, string reservationId, TimeSpan timeout) =>
        client.ProgressAsync(reservationId, ReservationStatus.PendingPayment, timeout);

    /// <summary>Waits until the reservation's workflow runs and reports <paramref name="status"/>.</summary>
    public static async Task<ReservationProgress> ProgressAsync(this DurableTaskClient client, string reservationId, ReservationStatus status, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var metadata = await client.GetInstanceAsync(reservationId, getInputsAndOutputs: true, cts.Token);
            if (metadata?.ReadCustomStatusAs<ReservationProgress>() is { } progress && progress.Status == status)
            {
                return progress;
            }

            await Task.Delay(100, cts.Token);
        }
    }
}
