using Booking.Api.Errors;
using GraphQL.Validation;

namespace Booking.Api.Http;

/// <summary>The selected operation is a mutation but came with GET; the handler answers it with 405.</summary>
public sealed class MutationOverGetError : ValidationError
{
    public MutationOverGetError()
        : base("Mutations cannot be sent with GET, which must stay safe to repeat; send this request with POST.")
    {
        Code = ApiErrorCodes.MethodNotAllowed;
    }

    public MutationOverGetError(string message)
        : base(message)
    {
        Code = ApiErrorCodes.MethodNotAllowed;
    }

    public MutationOverGetError(string message, Exception? innerException)
        : base(message, innerException)
    {
        Code = ApiErrorCodes.MethodNotAllowed;
    }
}
