namespace Booking.Core.Reservations;

/// <summary>The workflow's input. The reservation id is also the durable instance id. <paramref name="TokenHash"/> is
/// the SHA-256 of the reservation's token, kept for the API's check of who may cancel it; the workflow ignores it.</summary>
public sealed record ReservationRequest(string ReservationId, string ApartmentId, TimeSpan PaymentWindow, string? TokenHash = null);
