using System.Text.Json;
using Booking.Core.Reservations;
using DurableTask.AzureStorage;
using DurableTask.Core.History;

namespace Booking.Engine.Load;

/// <summary>
/// Where an expired reservation's lateness went, from its history: the deadline timer reaching an episode, and that
/// episode and the ReleaseApartment activity writing the apartment back. Episode starts are the history's
/// OrchestratorStarted stamps.
/// </summary>
internal sealed record LatenessParts(double TimerToEpisode, double ReleaseActivity)
{
    public static readonly string[] Names = ["timer to episode", "episode + ReleaseApartment"];

    public double[] Seconds => [TimerToEpisode, ReleaseActivity];

    /// <summary>The parts of one expired reservation released at <paramref name="releasedAt"/>; null when its history
    /// does not have the expected shape (it did not end by its deadline timer).</summary>
    public static async Task<LatenessParts?> ReadAsync(AzureStorageOrchestrationService service, ReservationOutcome outcome, DateTimeOffset releasedAt)
    {
        var deadline = outcome.ExpiresAt!.Value.UtcDateTime;
        using var history = JsonDocument.Parse(await service.GetOrchestrationHistoryAsync(outcome.ReservationId, null));

        // An episode's events follow its OrchestratorStarted: the messages it took (here the TimerFired), then what it
        // decided.
        DateTime? episode = null;
        foreach (var e in history.RootElement.EnumerateArray())
        {
            switch ((EventType)e.GetProperty("EventType").GetInt32())
            {
                case EventType.OrchestratorStarted:
                    episode = e.GetProperty("Timestamp").GetDateTime().ToUniversalTime();
                    break;
                case EventType.TimerFired when episode is { } timerEpisode && e.GetProperty("FireAt").GetDateTime().ToUniversalTime() == deadline:
                    return new LatenessParts((timerEpisode - deadline).TotalSeconds, (releasedAt.UtcDateTime - timerEpisode).TotalSeconds);
            }
        }

        return null;
    }
}
