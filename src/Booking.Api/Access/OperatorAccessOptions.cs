namespace Booking.Api.Access;

/// <summary>
/// Who may use the operator fields (<c>addApartment</c>, <c>confirmPayment</c>, <c>checkOut</c>) and see who holds an
/// apartment. Bound from the <c>Auth</c> section; the client key itself is the host's concern (function keys in Azure,
/// <c>Auth:ApiKey</c> on the local host).
/// </summary>
public sealed class OperatorAccessOptions
{
    public const string SectionName = "Auth";

    public const string HeaderName = "x-operator-key";

    /// <summary>When set, operator fields need it in the <c>x-operator-key</c> header. A secret apart from the client
    /// key: browser and mobile apps carry the client key, so it cannot guard anything a user must not do.</summary>
    public string? OperatorKey { get; set; }

    /// <summary>With no operator key, let any caller use the operator fields: for a developer's machine where no key
    /// is configured at all, so the whole flow can be tried with curl. Never set in Azure.</summary>
    public bool OperatorFieldsWithoutKey { get; set; }
}
