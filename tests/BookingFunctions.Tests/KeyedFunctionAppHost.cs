namespace BookingFunctions.Tests;

/// <summary>The Function App under a real Functions host set up as the Azure template sets it: function keys enforced
/// and GraphiQL off; and with no webhook secret.</summary>
public sealed class KeyedFunctionAppHost : FunctionAppFixture
{
    protected override bool EnforceKeys => true;

    protected override void Configure(Dictionary<string, string?> environment)
    {
        environment["GraphQL__EnableGraphiQL"] = "false";
        environment["Payments__WebhookSecret"] = string.Empty;
    }
}
