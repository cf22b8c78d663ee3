using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.Api.Access;

/// <summary>
/// The durable client a request works with. Azure Functions binds a fresh one to each invocation
/// (<c>[DurableClient]</c>), which the function hands over with <see cref="UseDurableClient"/>; an ASP.NET Core host
/// has its singleton in DI.
/// </summary>
public static class DurableClientOfRequest
{
    private static readonly object Key = new();

    public static void UseDurableClient(this HttpContext context, DurableTaskClient client) => context.Items[Key] = client;

    public static DurableTaskClient DurableClient(this HttpContext context) =>
        context.Items.TryGetValue(Key, out var client) && client is DurableTaskClient bound
            ? bound
            : context.RequestServices.GetRequiredService<DurableTaskClient>();
}
