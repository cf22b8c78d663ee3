using Amazon.DynamoDBv2.Model;
using Booking.Core.Apartments;

namespace Booking.Core.Tests.Reservations;

/// <summary>
/// For apartments whose id starts with <paramref name="flakyPrefix"/>, fails the first call of every kind with a
/// DynamoDB 500 before passing calls to the store behind it, as a throttled or briefly failing table would.
/// </summary>
internal sealed class FlakyApartmentStore(IApartmentStore inner, string flakyPrefix) : IApartmentStore
{
    private readonly HashSet<string> failedOnce = [];

    public int FaultsInjected { get; private set; }

    public Task EnsureTableAsync(CancellationToken cancellationToken = default) => inner.EnsureTableAsync(cancellationToken);

    public Task<bool> AddAsync(string apartmentId, CancellationToken cancellationToken = default) => inner.AddAsync(apartmentId, cancellationToken);

    public Task<ApartmentPage> ListAsync(int pageSize, string? pageToken = null, CancellationToken cancellationToken = default) =>
        inner.ListAsync(pageSize, pageToken, cancellationToken);

    public Task<Apartment?> GetAsync(string apartmentId, CancellationToken cancellationToken = default) =>
        FailFirst("get", apartmentId, () => inner.GetAsync(apartmentId, cancellationToken));

    public Task<TransitionResult> ReserveAsync(string apartmentId, string reservationId, DateTimeOffset reservedUntil, CancellationToken cancellationToken = default) =>
        FailFirst("reserve", apartmentId, () => inner.ReserveAsync(apartmentId, reservationId, reservedUntil, cancellationToken));

    public Task<TransitionResult> ConfirmPaymentAsync(string apartmentId, string reservationId, CancellationToken cancellationToken = default) =>
        FailFirst("confirm", apartmentId, () => inner.ConfirmPaymentAsync(apartmentId, reservationId, cancellationToken));

    public Task<TransitionResult> ReleaseAsync(string apartmentId, string reservationId, CancellationToken cancellationToken = default) =>
        FailFirst("release", apartmentId, () => inner.ReleaseAsync(apartmentId, reservationId, cancellationToken));

    public Task<TransitionResult> ReleaseExpiredHoldAsync(string apartmentId, string reservationId, DateTimeOffset cutoff, CancellationToken cancellationToken = default) =>
        FailFirst("sweep", apartmentId, () => inner.ReleaseExpiredHoldAsync(apartmentId, reservationId, cutoff, cancellationToken));

    public Task<TransitionResult> CheckOutAsync(string apartmentId, string reservationId, CancellationToken cancellationToken = default) =>
        FailFirst("checkOut", apartmentId, () => inner.CheckOutAsync(apartmentId, reservationId, cancellationToken));

    public Task<TransitionResult> RetireAsync(string apartmentId, CancellationToken cancellationToken = default) =>
        FailFirst("retire", apartmentId, () => inner.RetireAsync(apartmentId, cancellationToken));

    private Task<T> FailFirst<T>(string operation, string apartmentId, Func<Task<T>> call)
    {
        lock (failedOnce)
        {
            if (apartmentId.StartsWith(flakyPrefix, StringComparison.Ordinal) && failedOnce.Add(operation + ":" + apartmentId))
            {
                FaultsInjected++;
                throw new InternalServerErrorException("Injected fault: the store is briefly unavailable.");
            }
        }

        return call();
    }
}
