namespace Booking.Core.Reservations;

/// <summary>The workflow's output: its final status, why, and when things happened.</summary>
public sealed record ReservationOutcome(
    string ReservationId,
    string ApartmentId,
    ReservationStatus Status,
    DateTimeOffset RequestedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset CompletedAt,
    ReservationErrorCode? ErrorCode = null,
    string? ErrorMessage = null);
