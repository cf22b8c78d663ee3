namespace BookingFunctions.Tests;

/// <summary>The Function App under a real Functions host on emulators no other test uses, so its Azurite can be
/// stopped and its table dropped.</summary>
public sealed class StorageOutageFixture : FunctionAppFixture
{
    protected override void Configure(Dictionary<string, string?> environment)
    {
    }
}
