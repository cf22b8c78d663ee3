using Booking.Core.Reservations;

namespace Booking.Api.Services;

/// <summary>A reservation as the API shows it, read from its workflow instance.</summary>
public sealed record ReservationView(
    string Id,
    string ApartmentId,
    ReservationStatus Status,
    DateTimeOffset? ExpiresAt,
    string? ErrorCode = null,
    string? ErrorMessage = null);
