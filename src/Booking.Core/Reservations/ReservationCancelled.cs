namespace Booking.Core.Reservations;

/// <summary>Raised on a waiting reservation when the client gives the apartment up.</summary>
public sealed record ReservationCancelled(DateTimeOffset CancelledAt);
