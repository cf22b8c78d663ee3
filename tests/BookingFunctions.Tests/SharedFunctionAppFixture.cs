using Booking.Testing.Contracts;

namespace BookingFunctions.Tests;

/// <summary>The Function App under a real Functions host with the settings the shared host tests need.</summary>
public sealed class SharedFunctionAppFixture : FunctionAppFixture
{
    protected override void Configure(Dictionary<string, string?> environment) => BookingHostContract.Configure(environment);
}
