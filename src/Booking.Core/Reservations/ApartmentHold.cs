namespace Booking.Core.Reservations;

/// <summary>Activity input: which reservation acts on which apartment, and until when it holds it.</summary>
public sealed record ApartmentHold(string ApartmentId, string ReservationId, DateTimeOffset Deadline);
