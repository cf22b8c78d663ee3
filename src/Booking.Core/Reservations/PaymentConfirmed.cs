namespace Booking.Core.Reservations;

/// <summary>Raised on a waiting reservation when the client has paid.</summary>
public sealed record PaymentConfirmed(DateTimeOffset ConfirmedAt);
