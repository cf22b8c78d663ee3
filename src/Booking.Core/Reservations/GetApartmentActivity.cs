using Booking.Core.Apartments;
using Microsoft.DurableTask;

namespace Booking.Core.Reservations;

/// <summary>Reads the apartment, as the seed's "Get Apartment Status" step does.</summary>
[DurableTask(Name)]
public sealed class GetApartmentActivity(IApartmentStore store) : TaskActivity<string, Apartment?>
{
    public const string Name = "GetApartment";

    public override Task<Apartment?> RunAsync(TaskActivityContext context, string input) => store.GetAsync(input);
}
