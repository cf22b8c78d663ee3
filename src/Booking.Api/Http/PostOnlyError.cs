using Booking.Api.Errors;
using GraphQL.Validation;

namespace Booking.Api.Http;

/// <summary>A GET request that may only be sent with POST (a mutation, or a token); the handler answers it with 405.</summary>
public sealed class PostOnlyError : ValidationError
{
    public PostOnlyError()
        : this("Send this request with POST.")
    {
    }

    public PostOnlyError(string message)
        : base(message)
    {
        Code = ApiErrorCodes.MethodNotAllowed;
    }

    public PostOnlyError(string message, Exception? innerException)
        : base(message, innerException)
    {
        Code = ApiErrorCodes.MethodNotAllowed;
    }
}
