namespace Booking.Bench;

/// <summary>What reserveApartment answered: the status (PENDING_PAYMENT once the hold is decided), the deadline, the
/// reservation's token (to cancel it) and the round-trip time.</summary>
internal sealed record ReserveAnswer(string ReservationId, string? Status, DateTimeOffset? ExpiresAt, string? Token, TimeSpan Elapsed)
{
    public bool Held => Status == "PENDING_PAYMENT";
}
