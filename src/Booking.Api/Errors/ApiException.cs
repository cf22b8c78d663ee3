namespace Booking.Api.Errors;

/// <summary>
/// A refusal the client caused and can act on (unknown id, ended reservation, duplicate apartment). It becomes a
/// GraphQL error with <see cref="Code"/> as <c>extensions.code</c> and the message unchanged.
/// </summary>
public sealed class ApiException : Exception
{
    public ApiException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public ApiException()
        : this(ApiErrorCodes.InternalServerError, "The request failed.")
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = ApiErrorCodes.InternalServerError;
    }

    /// <summary>One of <see cref="ApiErrorCodes"/>.</summary>
    public string Code { get; }
}
