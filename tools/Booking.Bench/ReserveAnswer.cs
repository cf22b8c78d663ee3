namespace Booking.Bench;

/// <summary>What reserveApartment answered: the status (PENDING_PAYMENT once the hold is decided), the deadline, the
/// round-trip time, and the raw body when the call failed.</summary>
internal sealed record ReserveAnswer(string ReservationId, string? Status, DateTimeOffset? ExpiresAt, TimeSpan Elapsed, string? Failure)
{
    public bool Held => Status == "PENDING_PAYMENT";
}
