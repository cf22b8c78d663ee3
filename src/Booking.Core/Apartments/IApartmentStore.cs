namespace Booking.Core.Apartments;

/// <summary>
/// The apartment table. Every status change is conditional, so two reservations can never both hold one apartment
/// and a reservation can never release or pay for an apartment it does not hold.
/// </summary>
public interface IApartmentStore
{
    /// <summary>Creates the table when it is missing and waits until it is active.</summary>
    Task EnsureTableAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a vacant apartment. Returns false, changing nothing, when the id already exists.</summary>
    Task<bool> AddAsync(string apartmentId, CancellationToken cancellationToken = default);

    Task<Apartment?> GetAsync(string apartmentId, CancellationToken cancellationToken = default);

    /// <summary>Reads one page of the table (a paged scan).</summary>
    Task<ApartmentPage> ListAsync(int pageSize, string? pageToken = null, CancellationToken cancellationToken = default);

    /// <summary>vacant → reserved for <paramref name="reservationId"/> until <paramref name="reservedUntil"/>.
    /// Idempotent for the reservation that already holds it.</summary>
    Task<TransitionResult> ReserveAsync(string apartmentId, string reservationId, DateTimeOffset reservedUntil, CancellationToken cancellationToken = default);

    /// <summary>reserved → paid, only by the holding reservation. Idempotent once paid by it.</summary>
    Task<TransitionResult> ConfirmPaymentAsync(string apartmentId, string reservationId, CancellationToken cancellationToken = default);

    /// <summary>reserved → vacant, only by the holding reservation.</summary>
    Task<TransitionResult> ReleaseAsync(string apartmentId, string reservationId, CancellationToken cancellationToken = default);

    /// <summary>paid → vacant when a stay ends: only while <paramref name="reservationId"/> is the reservation that
    /// paid, so a check-out can never end someone else's stay.</summary>
    Task<TransitionResult> CheckOutAsync(string apartmentId, string reservationId, CancellationToken cancellationToken = default);

    /// <summary>reserved → vacant for an orphaned hold: only if <paramref name="reservationId"/> still holds it and its
    /// reservedUntil is before <paramref name="cutoff"/>. Never touches a paid or re-booked apartment.</summary>
    Task<TransitionResult> ReleaseExpiredHoldAsync(string apartmentId, string reservationId, DateTimeOffset cutoff, CancellationToken cancellationToken = default);

    /// <summary>Removes a vacant apartment from the table; a reserved or paid one is left as it is (then the result
    /// shows it, or that there is no such apartment).</summary>
    Task<TransitionResult> RetireAsync(string apartmentId, CancellationToken cancellationToken = default);
}
