namespace Booking.Core.Reservations;

/// <summary>The release activity's input: the hold to give up, and what the reservation becomes when it is given up
/// (EXPIRED at the deadline, CANCELLED on request).</summary>
public sealed record ReleaseHold(ApartmentHold Hold, ReservationStatus Ending);
