namespace Booking.Core.Limits;

/// <summary>Why a client may not start another reservation now.</summary>
public enum ClientLimitRefusal
{
    /// <summary>It holds <c>Reservation:MaxActiveHoldsPerClient</c> apartments already.</summary>
    TooManyHolds,

    /// <summary>It started <c>Reservation:MaxReservationsPerClientPerMinute</c> reservations this minute.</summary>
    TooManyReservations,
}
