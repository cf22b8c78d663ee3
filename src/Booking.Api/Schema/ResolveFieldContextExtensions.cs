using GraphQL;

namespace Booking.Api.Schema;

internal static class ResolveFieldContextExtensions
{
    public static BookingUserContext Booking(this IResolveFieldContext context) =>
        context.UserContext as BookingUserContext
            ?? throw new InvalidOperationException($"The request was executed without a {nameof(BookingUserContext)}; run it through the GraphQL HTTP handler.");
}
