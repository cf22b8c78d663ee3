namespace Booking.Core.Apartments;

/// <summary>One apartment as stored: who holds it, if anyone, and until when.</summary>
public sealed record Apartment(
    string Id,
    ApartmentStatus Status,
    string? ReservationId = null,
    DateTimeOffset? ReservedUntil = null,
    DateTimeOffset? UpdatedAt = null);
