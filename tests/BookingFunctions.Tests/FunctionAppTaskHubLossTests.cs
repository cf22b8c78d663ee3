using Booking.Testing;
using Booking.Testing.Contracts;
using Booking.Testing.Hosts;
using Xunit.Abstractions;

namespace BookingFunctions.Tests;

/// <summary>The shared purge and new-hub test (<see cref="TaskHubLossContract"/>) on the Function App under a real
/// Functions host.</summary>
[Trait(FunctionsHostCategory.Name, FunctionsHostCategory.Value)]
public sealed class FunctionAppTaskHubLossTests(Emulators emulators, ITestOutputHelper log) : TaskHubLossContract(emulators, log), IClassFixture<Emulators>
{
    protected override async Task<IBookingHost> StartAsync(IDictionary<string, string?> environment) =>
        await FunctionsHostProcess.StartAsync(new Dictionary<string, string?>(environment));
}
