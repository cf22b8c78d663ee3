using Booking.Core.Reservations;

namespace Booking.Core.Records;

/// <summary>
/// The reservation records. A record is created once per id before its workflow starts, and its status only moves
/// forward: REQUESTED → PENDING_PAYMENT → a final status, and the first final status written stays.
/// </summary>
public interface IReservationStore
{
    /// <summary>Creates the table with its indexes when it is missing and waits until it is active.</summary>
    Task EnsureTableAsync(CancellationToken cancellationToken = default);

    /// <summary>Claims <paramref name="record"/>'s id for ever. Returns false, changing nothing, when a record already
    /// has it.</summary>
    Task<bool> CreateAsync(ReservationRecord record, CancellationToken cancellationToken = default);

    Task<ReservationRecord?> GetAsync(string reservationId, CancellationToken cancellationToken = default);

    /// <summary>Records the hold: PENDING_PAYMENT until <paramref name="expiresAt"/>, unless the reservation has
    /// already ended. Returns the record as it stands afterwards.</summary>
    Task<ReservationRecord> HoldAsync(string reservationId, string apartmentId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Records the final status, unless one is recorded already (then that one stays). Returns the record
    /// as it stands afterwards.</summary>
    Task<ReservationRecord> EndAsync(string reservationId, string apartmentId, ReservationDecision ending, CancellationToken cancellationToken = default);

    /// <summary>Notes that the payment provider's event <paramref name="eventId"/> was applied to the reservation.</summary>
    Task AddPaymentEventAsync(string reservationId, string eventId, CancellationToken cancellationToken = default);

    /// <summary>A page of reservations, newest first, reading one page of an index, never the table.</summary>
    Task<ReservationRecordPage> ListAsync(ReservationListQuery query, CancellationToken cancellationToken = default);

    /// <summary>Ids of reservations not ended yet whose hold should have ended before <paramref name="cutoff"/>, at
    /// most <paramref name="limit"/>, oldest first: what the sweeper looks at.</summary>
    Task<IReadOnlyList<string>> ListOpenBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken = default);
}
