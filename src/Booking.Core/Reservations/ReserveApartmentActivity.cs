using Booking.Core.Apartments;
using Microsoft.DurableTask;

namespace Booking.Core.Reservations;

/// <summary>vacant → reserved for this reservation. A refusal is returned, never thrown, so it is never retried.</summary>
[DurableTask(Name)]
public sealed class ReserveApartmentActivity(IApartmentStore store) : TaskActivity<ApartmentHold, TransitionResult>
{
    public const string Name = "ReserveApartment";

    public override Task<TransitionResult> RunAsync(TaskActivityContext context, ApartmentHold input) => RunAsync(input, CancellationToken.None);

    /// <summary>The activity's work, callable by hosts that trigger activities themselves (the Function App).</summary>
    public Task<TransitionResult> RunAsync(ApartmentHold input, CancellationToken cancellationToken) =>
        store.ReserveAsync(input.ApartmentId, input.ReservationId, input.ReservedUntil ?? throw new ArgumentException("ReservedUntil is required to reserve.", nameof(input)), cancellationToken);
}
