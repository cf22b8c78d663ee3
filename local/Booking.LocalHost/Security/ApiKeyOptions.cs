namespace Booking.LocalHost.Security;

/// <summary>The local host's API key. Bound from the <c>Auth</c> section (env <c>Auth__ApiKey</c>).</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Auth";

    /// <summary>When set, every request must carry it in <c>x-api-key</c> (as AppSync clients send it) or
    /// <c>x-functions-key</c> (as Function App clients do). Unset: no key is required.</summary>
    public string? ApiKey { get; set; }
}
