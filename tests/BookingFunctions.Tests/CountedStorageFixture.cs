namespace BookingFunctions.Tests;

/// <summary>The Function App under a real Functions host on an Azurite that logs every request it serves.</summary>
public sealed class CountedStorageFixture : FunctionAppFixture
{
    protected override bool LogStorageRequests => true;

    protected override void Configure(Dictionary<string, string?> environment)
    {
    }
}
