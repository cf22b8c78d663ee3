using System.Net;
using Booking.Core.Configuration;
using Microsoft.AspNetCore.Http;

namespace Booking.Api.Access;

/// <summary>Who sent a request, as far as the limits go: the client's address, and whether it showed the operator key
/// (operators are not limited).</summary>
public sealed record Caller(string ClientId, bool IsOperator)
{
    /// <summary>The caller of <paramref name="request"/>: its address, or, where <c>Reservation:TrustForwardedFor</c>
    /// says a proxy in front sets it, the first address of X-Forwarded-For (Azure's front ends put the client there,
    /// some with a port).</summary>
    public static Caller Of(HttpRequest request, ReservationOptions options, bool isOperator)
    {
        var address = request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (options.TrustForwardedFor
            && request.Headers["X-Forwarded-For"].ToString().Split(',')[0].Trim() is { Length: > 0 } forwarded)
        {
            address = IPEndPoint.TryParse(forwarded, out var endPoint) ? endPoint.Address.ToString() : forwarded;
        }

        return new Caller(address, isOperator);
    }
}
