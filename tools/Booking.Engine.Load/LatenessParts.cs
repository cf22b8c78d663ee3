using System.Text.Json;
using Booking.Core.Reservations;
using DurableTask.AzureStorage;
using DurableTask.Core.History;

namespace Booking.Engine.Load;

/// <summary>
/// Where an expired reservation's lateness went, from its history: the deadline timer reaching an episode, that
/// episode and the GetApartment activity, the activity's answer reaching the next episode, and that episode and the
/// ReleaseApartment activity writing the apartment back. Episode starts are the history's OrchestratorStarted stamps;
/// an activity's end is its TaskCompleted stamp, taken when the activity returned.
/// </summary>
internal sealed record LatenessParts(double TimerToEpisode, double CheckActivity, double AnswerToEpisode, double ReleaseActivity)
{
    public static readonly string[] Names = ["timer to episode", "episode + GetApartment", "answer to episode", "episode + ReleaseApartment"];

    public double[] Seconds => [TimerToEpisode, CheckActivity, AnswerToEpisode, ReleaseActivity];

    /// <summary>The parts of one expired reservation released at <paramref name="releasedAt"/>; null when its history
    /// does not have the expected shape (it did not end by its deadline timer).</summary>
    public static async Task<LatenessParts?> ReadAsync(AzureStorageOrchestrationService service, ReservationOutcome outcome, DateTimeOffset releasedAt)
    {
        var deadline = outcome.ExpiresAt!.Value.UtcDateTime;
        using var history = JsonDocument.Parse(await service.GetOrchestrationHistoryAsync(outcome.ReservationId, null));
        var events = history.RootElement.EnumerateArray()
            .Select(e => (Type: (EventType)e.GetProperty("EventType").GetInt32(), Event: e, Stamp: e.GetProperty("Timestamp").GetDateTime().ToUniversalTime()))
            .ToList();

        // An episode's events follow its OrchestratorStarted: the messages it took (TimerFired, TaskCompleted), then
        // what it decided.
        DateTime? episode = null, timerEpisode = null, checkDone = null, answerEpisode = null;
        foreach (var (type, e, stamp) in events)
        {
            switch (type)
            {
                case EventType.OrchestratorStarted:
                    episode = stamp;
                    break;
                case EventType.TimerFired when e.GetProperty("FireAt").GetDateTime().ToUniversalTime() == deadline:
                    timerEpisode = episode;
                    break;
                case EventType.TaskCompleted when timerEpisode is not null && checkDone is null:
                    checkDone = stamp;
                    answerEpisode = episode;
                    break;
            }
        }

        if (timerEpisode is not { } t || checkDone is not { } c || answerEpisode is not { } r)
        {
            return null;
        }

        return new LatenessParts((t - deadline).TotalSeconds, (c - t).TotalSeconds, (r - c).TotalSeconds, (releasedAt.UtcDateTime - r).TotalSeconds);
    }
}
