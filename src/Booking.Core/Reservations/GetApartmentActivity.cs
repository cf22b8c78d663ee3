using Booking.Core.Apartments;
using Microsoft.DurableTask;

namespace Booking.Core.Reservations;

/// <summary>Reads the apartment, as the seed's "Get Apartment Status" step does.</summary>
[DurableTask(Name)]
public sealed class GetApartmentActivity(IApartmentStore store) : TaskActivity<string, Apartment?>
{
    public const string Name = "GetApartment";

    public override Task<Apartment?> RunAsync(TaskActivityContext context, string input) => RunAsync(input, CancellationToken.None);

    /// <summary>The activity's work, callable by hosts that trigger activities themselves (the Function App).</summary>
    public Task<Apartment?> RunAsync(string input, CancellationToken cancellationToken) =>
        store.GetAsync(input, cancellationToken);
}
