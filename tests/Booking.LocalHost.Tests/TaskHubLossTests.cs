using Booking.Testing;
using Booking.Testing.Contracts;
using Booking.Testing.Hosts;
using Xunit.Abstractions;

namespace Booking.LocalHost.Tests;

/// <summary>The shared purge and new-hub test (<see cref="TaskHubLossContract"/>) on the local host.</summary>
[Collection(EmulatorsCollection.Name)]
public sealed class TaskHubLossTests(Emulators emulators, ITestOutputHelper log) : TaskHubLossContract(emulators, log)
{
    protected override async Task<IBookingHost> StartAsync(IDictionary<string, string?> environment) =>
        await LocalHostProcess.StartAsync(new Dictionary<string, string?>(environment));
}
