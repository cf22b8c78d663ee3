namespace BookingFunctions.Tests;

/// <summary>The Function App under a real Functions host set up as the Azure template sets it: function keys enforced
/// and GraphiQL off, an operator key; and with no webhook secret.</summary>
public sealed class KeyedFunctionAppFixture : FunctionAppFixture
{
    public string OperatorKey { get; } = "operator-" + Guid.NewGuid().ToString("N");

    protected override bool EnforceKeys => true;

    protected override void Configure(Dictionary<string, string?> environment)
    {
        environment["GraphQL__EnableGraphiQL"] = "false";
        environment["Payments__WebhookSecret"] = string.Empty;
        environment["Auth__OperatorKey"] = OperatorKey;
        environment["Auth__OperatorFieldsWithoutKey"] = "false";
    }
}
