namespace Booking.Bench;

/// <summary>What one workflow's history shows it cost the engine: episodes (each one a run of the orchestrator, an
/// orchestrator function execution in a Function App), activities scheduled, durable timers created.</summary>
internal sealed record HistoryTally(double Episodes, double Activities, double Timers)
{
    public static HistoryTally Average(IReadOnlyCollection<HistoryTally> tallies) => tallies.Count == 0
        ? new(double.NaN, double.NaN, double.NaN)
        : new(tallies.Average(t => t.Episodes), tallies.Average(t => t.Activities), tallies.Average(t => t.Timers));
}
