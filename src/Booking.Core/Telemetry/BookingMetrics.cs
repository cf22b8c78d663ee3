using System.Diagnostics;
using System.Diagnostics.Metrics;
using Booking.Core.Reservations;

namespace Booking.Core.Telemetry;

/// <summary>
/// The metrics the product records itself, on one meter named like <see cref="BookingTelemetry.Source"/>: what
/// happened to reservations (started, refused, ended by status), how long a client waited for its hold decision and
/// how late payment windows closed. Names and units follow the OpenTelemetry semantic conventions; no attribute
/// carries an id, so every series stays small.
/// </summary>
public static class BookingMetrics
{
    public const string MeterName = BookingTelemetry.SourceName;

    /// <summary>The reservation's status as stored (PAID, EXPIRED, …).</summary>
    public const string StatusTag = "booking.reservation.status";

    /// <summary>The semantic conventions' attribute for why an operation did not succeed: an API error code, or the
    /// reservation's own error code.</summary>
    public const string ErrorTypeTag = "error.type";

    public const string StartedName = "booking.reservation.started";
    public const string EndedName = "booking.reservation.ended";
    public const string RefusedName = "booking.reservation.refused";
    public const string HoldDecisionDurationName = "booking.reservation.hold_decision.duration";
    public const string ExpiryDelayName = "booking.reservation.expiry.delay";

    public static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Started = Meter.CreateCounter<long>(
        StartedName, "{reservation}", "Reservations whose workflow was started (a repeated id starts none).");

    private static readonly Counter<long> Ended = Meter.CreateCounter<long>(
        EndedName, "{reservation}", "Reservations that reached a final status, counted by the one write that recorded it.");

    private static readonly Counter<long> Refused = Meter.CreateCounter<long>(
        RefusedName, "{reservation}", "Requests to start a reservation refused for a reason the client caused; nothing was reserved.");

    // A hold is decided within a few queue round trips, and a client waits at most Reservation:HoldDecisionTimeout.
    private static readonly Histogram<double> HoldDecisionDuration = Meter.CreateHistogram(
        HoldDecisionDurationName,
        "s",
        "How long a request that started a reservation waited for its hold decision.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10] });

    // A durable timer fires within seconds of its deadline; the sweeper's endings come a grace period later.
    private static readonly Histogram<double> ExpiryDelay = Meter.CreateHistogram(
        ExpiryDelayName,
        "s",
        "How long after its deadline an expired reservation's hold was released and its record ended.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600] });

    public static void RecordStarted() => Started.Add(1);

    /// <summary>Counts an API refusal of a reservation-starting field, by its error code.</summary>
    public static void RecordRefused(string errorCode, TagList tags)
    {
        tags.Add(ErrorTypeTag, errorCode);
        Refused.Add(1, tags);
    }

    public static void RecordHoldDecision(TimeSpan waited, ReservationStatus answered) =>
        HoldDecisionDuration.Record(waited.TotalSeconds, new KeyValuePair<string, object?>(StatusTag, answered.ToStoredValue()));

    /// <summary>Records a reservation that has just ended: its status, and for an expiry how late it came. Call only
    /// from the write that ended it, so every reservation counts once however often its steps are retried.</summary>
    public static void RecordEnded(ReservationStatus status, ReservationErrorCode? errorCode, DateTimeOffset? deadline, DateTimeOffset endedAt)
    {
        var tags = new TagList { { StatusTag, status.ToStoredValue() } };
        if (errorCode is { } code)
        {
            tags.Add(ErrorTypeTag, code.ToString());
        }

        Ended.Add(1, tags);
        if (status == ReservationStatus.Expired && deadline is { } expiresAt)
        {
            // A timer never fires early; a negative difference would be clock skew between machines.
            ExpiryDelay.Record(Math.Max(0, (endedAt - expiresAt).TotalSeconds), tags);
        }
    }
}
