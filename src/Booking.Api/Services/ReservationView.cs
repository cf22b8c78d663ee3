using Booking.Core.Records;
using Booking.Core.Reservations;

namespace Booking.Api.Services;

/// <summary>A reservation as the API shows it, read from its record. <see cref="Token"/> is set only in the answer to
/// the request that started it.</summary>
public sealed record ReservationView(
    string Id,
    string ApartmentId,
    ReservationStatus Status,
    DateTimeOffset? ExpiresAt,
    string? ErrorCode = null,
    string? ErrorMessage = null,
    string? Token = null)
{
    public static ReservationView Of(ReservationRecord record) =>
        new(record.Id, record.ApartmentId, record.Status, record.ExpiresAt, record.ErrorCode?.ToString(), record.ErrorMessage);

    /// <summary>What anyone may see without the reservation's token: which apartment, and how it stands.</summary>
    public ReservationView Public() => this with { ExpiresAt = null, ErrorCode = null, ErrorMessage = null, Token = null };
}
