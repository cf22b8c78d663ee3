using Booking.Core.Apartments;

namespace Booking.Core.Tests.Reservations;

/// <summary>
/// The apartment table in memory, with the same conditions as the DynamoDB store (a hold only from vacant or by the
/// same reservation, payment and release only by the holder), for fast tests of the workflow's logic.
/// <see cref="Tests.Apartments.DynamoDbApartmentStoreTests"/> holds the real store to the same rules.
/// </summary>
internal sealed class InMemoryApartmentStore(TimeProvider clock) : IApartmentStore
{
    private readonly Dictionary<string, Apartment> apartments = new(StringComparer.Ordinal);

    public Task EnsureTableAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<bool> AddAsync(string apartmentId, CancellationToken cancellationToken = default)
    {
        lock (apartments)
        {
            return Task.FromResult(apartments.TryAdd(apartmentId, new Apartment(apartmentId, ApartmentStatus.Vacant, UpdatedAt: clock.GetUtcNow())));
        }
    }

    public Task<Apartment?> GetAsync(string apartmentId, CancellationToken cancellationToken = default)
    {
        lock (apartments)
        {
            return Task.FromResult(apartments.GetValueOrDefault(apartmentId));
        }
    }

    public Task<ApartmentPage> ListAsync(int pageSize, string? pageToken = null, CancellationToken cancellationToken = default)
    {
        lock (apartments)
        {
            var page = apartments.Values.OrderBy(a => a.Id, StringComparer.Ordinal)
                .Where(a => pageToken is null || string.CompareOrdinal(a.Id, pageToken) > 0).Take(pageSize + 1).ToList();
            return Task.FromResult(page.Count > pageSize
                ? new ApartmentPage(page[..pageSize], page[pageSize - 1].Id)
                : new ApartmentPage(page, null));
        }
    }

    /// <summary>Writes a status as an outside system would, unconditionally (the seed's payment system wrote 'paid').</summary>
    public void Overwrite(string apartmentId, ApartmentStatus status)
    {
        lock (apartments)
        {
            apartments[apartmentId] = apartments[apartmentId] with { Status = status };
        }
    }

    public Task<TransitionResult> ReserveAsync(string apartmentId, string reservationId, DateTimeOffset reservedUntil, CancellationToken cancellationToken = default) =>
        Transition(
            apartmentId,
            a => a.Status == ApartmentStatus.Vacant || (a.Status == ApartmentStatus.Reserved && a.ReservationId == reservationId),
            a => a with { Status = ApartmentStatus.Reserved, ReservationId = reservationId, ReservedUntil = reservedUntil },
            TransitionOutcome.NotVacant);

    public Task<TransitionResult> ConfirmPaymentAsync(string apartmentId, string reservationId, CancellationToken cancellationToken = default) =>
        Transition(
            apartmentId,
            a => a.Status is ApartmentStatus.Reserved or ApartmentStatus.Paid && a.ReservationId == reservationId,
            a => a with { Status = ApartmentStatus.Paid, ReservedUntil = null },
            TransitionOutcome.NotHolder);

    public Task<TransitionResult> ReleaseAsync(string apartmentId, string reservationId, CancellationToken cancellationToken = default) =>
        Transition(apartmentId, a => a.Status == ApartmentStatus.Reserved && a.ReservationId == reservationId, Vacant, TransitionOutcome.NotHolder);

    public Task<TransitionResult> CheckOutAsync(string apartmentId, string reservationId, CancellationToken cancellationToken = default) =>
        Transition(apartmentId, a => a.Status == ApartmentStatus.Paid && a.ReservationId == reservationId, Vacant, TransitionOutcome.NotHolder);

    public Task<TransitionResult> ReleaseExpiredHoldAsync(string apartmentId, string reservationId, DateTimeOffset cutoff, CancellationToken cancellationToken = default) =>
        Transition(
            apartmentId,
            a => a.Status == ApartmentStatus.Reserved && a.ReservationId == reservationId && a.ReservedUntil < cutoff,
            Vacant,
            TransitionOutcome.NotHolder);

    public Task<TransitionResult> RetireAsync(string apartmentId, CancellationToken cancellationToken = default)
    {
        lock (apartments)
        {
            if (apartments.GetValueOrDefault(apartmentId) is not { } apartment)
            {
                return Task.FromResult(new TransitionResult(TransitionOutcome.NotFound, null));
            }

            if (apartment.Status != ApartmentStatus.Vacant)
            {
                return Task.FromResult(new TransitionResult(TransitionOutcome.NotVacant, apartment));
            }

            apartments.Remove(apartmentId);
            return Task.FromResult(new TransitionResult(TransitionOutcome.Applied, apartment));
        }
    }

    private static Apartment Vacant(Apartment apartment) => apartment with { Status = ApartmentStatus.Vacant, ReservationId = null, ReservedUntil = null };

    private Task<TransitionResult> Transition(string apartmentId, Func<Apartment, bool> condition, Func<Apartment, Apartment> change, TransitionOutcome refusal)
    {
        lock (apartments)
        {
            if (apartments.GetValueOrDefault(apartmentId) is not { } apartment)
            {
                return Task.FromResult(new TransitionResult(TransitionOutcome.NotFound, null));
            }

            if (!condition(apartment))
            {
                return Task.FromResult(new TransitionResult(refusal, apartment));
            }

            var changed = change(apartment) with { UpdatedAt = clock.GetUtcNow() };
            apartments[apartmentId] = changed;
            return Task.FromResult(new TransitionResult(TransitionOutcome.Applied, changed));
        }
    }
}
