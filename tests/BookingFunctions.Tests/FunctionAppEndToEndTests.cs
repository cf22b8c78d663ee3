using Booking.Testing.Contracts;

namespace BookingFunctions.Tests;

/// <summary>End to end: the Function App under a real Functions host does what every host does.</summary>
[Trait(FunctionsHostCategory.Name, FunctionsHostCategory.Value)]
public sealed class FunctionAppEndToEndTests(SharedFunctionAppFixture host) : BookingHostContract(host), IClassFixture<SharedFunctionAppFixture>
{
    [Fact]
    public void Functions_host_indexed_every_function_of_the_app()
    {
        var output = host.Host.Output;

        Assert.Contains("Found the following functions:", output, StringComparison.Ordinal);
        Assert.All(
            FunctionAppOutput.Read("functions.metadata").AsArray().Select(f => (string)f!["name"]!),
            name => Assert.Contains("Host.Functions." + name, output, StringComparison.Ordinal));
    }
}
