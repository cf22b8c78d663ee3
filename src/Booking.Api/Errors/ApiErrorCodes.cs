namespace Booking.Api.Errors;

/// <summary>
/// Every <c>extensions.code</c> this API puts on an error besides GraphQL.NET's own parse and validation codes, so
/// clients can branch on a code rather than on message text.
/// </summary>
public static class ApiErrorCodes
{
    /// <summary>The HTTP request is not a well-formed GraphQL-over-HTTP request (bad JSON, missing query, …).</summary>
    public const string BadRequest = "BAD_REQUEST";

    /// <summary>Wrong HTTP method, or a mutation or a token sent with GET.</summary>
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";

    /// <summary>The Accept header allows neither response media type.</summary>
    public const string NotAcceptable = "NOT_ACCEPTABLE";

    /// <summary>The request body is not application/json in UTF-8.</summary>
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";

    /// <summary>The request body is larger than the configured maximum.</summary>
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";

    /// <summary>The document's operation is of a type the schema does not have (a subscription).</summary>
    public const string UnsupportedOperation = "UNSUPPORTED_OPERATION";

    /// <summary>The document is deeper or more complex than the configured limits, or selects too many root fields.</summary>
    public const string QueryTooComplex = "QUERY_TOO_COMPLEX";

    /// <summary>The document would start more than one reservation; each needs a request of its own.</summary>
    public const string TooManyReservations = "TOO_MANY_RESERVATIONS";

    /// <summary>An argument breaks an input rule (id format, payment window bounds, …).</summary>
    public const string BadUserInput = "BAD_USER_INPUT";

    /// <summary>The reservation or apartment named by the request does not exist.</summary>
    public const string NotFound = "NOT_FOUND";

    /// <summary>The request contradicts current state: an existing apartment id, a reservation that has ended, …</summary>
    public const string Conflict = "CONFLICT";

    /// <summary>The caller may not do this: an operator field without the operator key, or a reservation's details or
    /// cancellation with a token that is not its own.</summary>
    public const string Forbidden = "FORBIDDEN";

    /// <summary>The client holds as many apartments as <c>Reservation:MaxActiveHoldsPerClient</c> allows.</summary>
    public const string TooManyHolds = "TOO_MANY_HOLDS";

    /// <summary>The client started as many reservations this minute as <c>Reservation:MaxReservationsPerClientPerMinute</c>
    /// allows.</summary>
    public const string RateLimited = "RATE_LIMITED";

    /// <summary>A payment webhook whose signature is missing, malformed, stale or wrong.</summary>
    public const string InvalidSignature = "INVALID_SIGNATURE";

    /// <summary>A payment webhook arrived but no webhook secret is configured.</summary>
    public const string WebhookDisabled = "WEBHOOK_DISABLED";

    /// <summary>DynamoDB or the durable backend could not be reached; the request may be retried.</summary>
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";

    /// <summary>Anything unexpected; details are logged, never returned.</summary>
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";
}
