namespace Booking.Bench;

/// <summary>What reserveApartment answered: the status (PENDING_PAYMENT once the hold is decided), the deadline and
/// the round-trip time.</summary>
internal sealed record ReserveAnswer(string ReservationId, string? Status, DateTimeOffset? ExpiresAt, TimeSpan Elapsed)
{
    public bool Held => Status == "PENDING_PAYMENT";
}
