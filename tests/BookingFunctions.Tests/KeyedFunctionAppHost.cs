namespace BookingFunctions.Tests;

/// <summary>The Function App under a real Functions host that enforces function keys, as in Azure.</summary>
public sealed class KeyedFunctionAppHost : FunctionAppFixture
{
    protected override bool EnforceKeys => true;

    protected override void Configure(Dictionary<string, string?> environment)
    {
    }
}
