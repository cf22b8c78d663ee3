namespace Booking.Core.Reservations;

/// <summary>The workflow's input. The reservation id is also the durable instance id.</summary>
public sealed record ReservationRequest(string ReservationId, string ApartmentId, TimeSpan PaymentWindow);
