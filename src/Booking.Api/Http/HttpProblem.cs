namespace Booking.Api.Http;

/// <summary>Why a request was refused before GraphQL saw it: the HTTP status, the error code and a message that says
/// what to change. <paramref name="Allow"/> is the Allow header a 405 must carry.</summary>
internal sealed record HttpProblem(int Status, string Code, string Message, string? Allow = null);
