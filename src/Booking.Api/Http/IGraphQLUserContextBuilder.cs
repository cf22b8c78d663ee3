using Microsoft.AspNetCore.Http;

namespace Booking.Api.Http;

/// <summary>Builds what one request's resolvers and validation rules see as the user context: the application's part
/// of a request, which the transport itself knows nothing of.</summary>
public interface IGraphQLUserContextBuilder
{
    ValueTask<IDictionary<string, object?>> BuildAsync(HttpContext context);
}
