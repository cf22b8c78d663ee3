using Booking.Core.Apartments;
using Microsoft.DurableTask;

namespace Booking.Core.Reservations;

/// <summary>reserved → vacant, only while this reservation holds the apartment; never undoes someone else's booking.</summary>
[DurableTask(Name)]
public sealed class ReleaseApartmentActivity(IApartmentStore store) : TaskActivity<ApartmentHold, TransitionResult>
{
    public const string Name = "ReleaseApartment";

    public override Task<TransitionResult> RunAsync(TaskActivityContext context, ApartmentHold input) => RunAsync(input, CancellationToken.None);

    /// <summary>The activity's work, callable by hosts that trigger activities themselves (the Function App).</summary>
    public Task<TransitionResult> RunAsync(ApartmentHold input, CancellationToken cancellationToken) =>
        store.ReleaseAsync(input.ApartmentId, input.ReservationId, cancellationToken);
}
