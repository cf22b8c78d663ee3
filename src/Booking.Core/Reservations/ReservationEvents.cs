namespace Booking.Core.Reservations;

/// <summary>The external events a waiting reservation listens for.</summary>
public static class ReservationEvents
{
    public const string PaymentConfirmed = nameof(PaymentConfirmed);
    public const string ReservationCancelled = nameof(ReservationCancelled);
}
