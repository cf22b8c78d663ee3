namespace Booking.Bench;

/// <summary>What reserveApartment answered: the status (PENDING_PAYMENT once the hold is decided), the deadline, the
/// reservation's token (to cancel it), the round-trip time and the HTTP status code.</summary>
internal sealed record ReserveAnswer(string ReservationId, string? Status, DateTimeOffset? ExpiresAt, string? Token, TimeSpan Elapsed, int HttpStatus)
{
    public bool Held => Status == "PENDING_PAYMENT";

    public bool Rejected => Status == "REJECTED";
}
