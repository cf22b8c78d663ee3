using Booking.Core.Reservations;

namespace Booking.Core.Records;

/// <summary>
/// A reservation as the application keeps it, in its own DynamoDB table: the one place every read of a reservation
/// comes from, so purging or renaming the task hub changes nothing a client or operator sees.
/// <paramref name="TokenHash"/> is the SHA-256 of the token only the starting request learned; <paramref name="Arn"/>
/// is what the seed's <c>addStepFunction</c> was given; <paramref name="ClientId"/> the client (its address) whose hold
/// it counts against, when the per-client limits apply to it; <paramref name="PaymentEventIds"/> the payment provider's
/// events already applied to it, so a redelivered event changes nothing.
/// </summary>
public sealed record ReservationRecord(
    string Id,
    string ApartmentId,
    ReservationStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt = null,
    ReservationErrorCode? ErrorCode = null,
    string? ErrorMessage = null,
    string? TokenHash = null,
    string? Arn = null,
    DateTimeOffset? EndedAt = null,
    string? ClientId = null,
    IReadOnlyList<string>? PaymentEventIds = null)
{
    public bool IsFinal => Status.IsFinal();

    public ReservationDecision Decision => new(Status, ErrorCode, ErrorMessage);
}
