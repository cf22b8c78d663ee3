using Booking.Core.Apartments;
using Booking.Testing;
using Booking.Testing.Contracts;
using Xunit.Abstractions;

namespace Booking.LocalHost.Tests;

/// <summary>The shared crash test (<see cref="HostRestartContract"/>) on the local host.</summary>
[Collection(EmulatorsCollection.Name)]
public sealed class CrashRecoveryTests(Emulators emulators, ITestOutputHelper log) : HostRestartContract(log)
{
    protected override async Task<(IBookingHost Host, DynamoDbApartmentStore Table)> StartAsync(IDictionary<string, string?> settings)
    {
        var environment = emulators.HostEnvironment();
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        var host = await LocalHostProcess.StartAsync(environment);
        return (host, await Emulators.TableOf(environment, emulators.Dynalite));
    }
}
