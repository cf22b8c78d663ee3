using System.Text.Json.Serialization;

namespace Booking.Bench;

/// <summary>The benchmark's summary line: its keys, in a fixed order. A figure a scenario could not
/// measure (out of time) is null, not a made-up number.</summary>
internal sealed record BenchResult(
    [property: JsonPropertyName("reservationsPerSecond")] double? ReservationsPerSecond,
    [property: JsonPropertyName("storeOpsPerSecond")] double? StoreOpsPerSecond,
    [property: JsonPropertyName("storeOpsPerReservation")] int StoreOpsPerReservation,
    [property: JsonPropertyName("storeBoundReservationsPerSecond")] double? StoreBoundReservationsPerSecond,
    [property: JsonPropertyName("ratio")] double? Ratio,
    [property: JsonPropertyName("startLatencyP50Ms")] double? StartLatencyP50Ms,
    [property: JsonPropertyName("startLatencyP99Ms")] double? StartLatencyP99Ms,
    [property: JsonPropertyName("timerLatenessP50Ms")] double? TimerLatenessP50Ms,
    [property: JsonPropertyName("timerLatenessP99Ms")] double? TimerLatenessP99Ms,
    [property: JsonPropertyName("waitingReservations")] int WaitingReservations,
    [property: JsonPropertyName("rssBytesPerWaitingReservation")] double? RssBytesPerWaitingReservation,
    [property: JsonPropertyName("lost")] int Lost);
