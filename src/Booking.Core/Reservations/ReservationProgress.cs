namespace Booking.Core.Reservations;

/// <summary>The workflow's custom status while it runs: REQUESTED, then PENDING_PAYMENT with the deadline.</summary>
public sealed record ReservationProgress(ReservationStatus Status, string ApartmentId, DateTimeOffset? ExpiresAt);
