using Booking.Core.Apartments;
using Booking.Testing;
using Booking.Testing.Contracts;
using Xunit.Abstractions;

namespace BookingFunctions.Tests;

/// <summary>The shared crash test (<see cref="HostRestartContract"/>) on the Function App under a real Functions host:
/// SIGKILL the host, start it again on the same storage, and no waiting reservation is lost.</summary>
[Trait(FunctionsHostCategory.Name, FunctionsHostCategory.Value)]
public sealed class FunctionAppRestartTests(Emulators emulators, ITestOutputHelper log) : HostRestartContract(log), IClassFixture<Emulators>
{
    // Fewer and longer than on the local host: the Functions host takes longer to start, and a new one waits for the
    // killed host's partition leases to lapse before it takes the waiting reservations over.
    protected override int Count => 10;

    protected override int WindowSeconds => 45;

    protected override TimeSpan RecoveryAllowance => TimeSpan.FromSeconds(120);

    protected override async Task<(IBookingHost Host, DynamoDbApartmentStore Table)> StartAsync(IDictionary<string, string?> settings)
    {
        var environment = emulators.HostEnvironment();
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        var table = await Emulators.TableOf(environment, emulators.Dynalite);
        return (await FunctionsHostProcess.StartAsync(environment), table);
    }
}
