using Booking.Core.Apartments;

namespace Booking.Engine.TestProcess;

/// <summary>Passes every call to the real store and prints one line per status change, for the process tests.</summary>
internal sealed class ReportingApartmentStore(IApartmentStore inner, TextWriter output) : IApartmentStore
{
    public const string ReadyLine = "ENGINE READY";
    public const string ActivityPrefix = "ACTIVITY";

    public Task EnsureTableAsync(CancellationToken cancellationToken = default) => inner.EnsureTableAsync(cancellationToken);

    public Task<bool> AddAsync(string apartmentId, CancellationToken cancellationToken = default) => inner.AddAsync(apartmentId, cancellationToken);

    public Task<Apartment?> GetAsync(string apartmentId, CancellationToken cancellationToken = default) => inner.GetAsync(apartmentId, cancellationToken);

    public Task<ApartmentPage> ListAsync(int pageSize, string? pageToken = null, CancellationToken cancellationToken = default) =>
        inner.ListAsync(pageSize, pageToken, cancellationToken);

    public Task<TransitionResult> ReserveAsync(string apartmentId, string reservationId, DateTimeOffset reservedUntil, CancellationToken cancellationToken = default) =>
        Report("reserve", reservationId, inner.ReserveAsync(apartmentId, reservationId, reservedUntil, cancellationToken));

    public Task<TransitionResult> ConfirmPaymentAsync(string apartmentId, string reservationId, CancellationToken cancellationToken = default) =>
        Report("pay", reservationId, inner.ConfirmPaymentAsync(apartmentId, reservationId, cancellationToken));

    public Task<TransitionResult> ReleaseAsync(string apartmentId, string reservationId, CancellationToken cancellationToken = default) =>
        Report("release", reservationId, inner.ReleaseAsync(apartmentId, reservationId, cancellationToken));

    public Task<TransitionResult> ReleaseExpiredHoldAsync(string apartmentId, string reservationId, DateTimeOffset cutoff, CancellationToken cancellationToken = default) =>
        Report("sweep", reservationId, inner.ReleaseExpiredHoldAsync(apartmentId, reservationId, cutoff, cancellationToken));

    public Task<TransitionResult> CheckOutAsync(string apartmentId, string reservationId, CancellationToken cancellationToken = default) =>
        Report("checkOut", reservationId, inner.CheckOutAsync(apartmentId, reservationId, cancellationToken));

    public Task<TransitionResult> RetireAsync(string apartmentId, CancellationToken cancellationToken = default) => inner.RetireAsync(apartmentId, cancellationToken);

    private async Task<TransitionResult> Report(string operation, string reservationId, Task<TransitionResult> call)
    {
        var result = await call;
        await output.WriteLineAsync($"{ActivityPrefix} {operation} {reservationId} {result.Outcome}");
        return result;
    }
}
