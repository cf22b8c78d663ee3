namespace Booking.Core.Reservations;

/// <summary>The workflow's input. The reservation id is also the durable instance id; everything else about the
/// reservation (its token's hash, the seed's ARN) is in its record, not in the task hub.</summary>
public sealed record ReservationRequest(string ReservationId, string ApartmentId, TimeSpan PaymentWindow);
