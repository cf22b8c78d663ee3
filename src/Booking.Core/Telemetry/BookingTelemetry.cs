using System.Diagnostics;

namespace Booking.Core.Telemetry;

/// <summary>
/// The spans the product emits itself: the API's reservation operations and every DynamoDB call, each tagged with the
/// reservation and apartment it concerns. With the durable runtime's own spans between them (Durable Functions
/// distributed tracing under the Functions host, DurableTask.Core's under the local host) they make one trace from a
/// GraphQL request to the conditional write that ends it.
/// </summary>
public static class BookingTelemetry
{
    public const string SourceName = "Booking";

    public const string ReservationIdTag = "booking.reservation_id";

    public const string ApartmentIdTag = "booking.apartment_id";

    public const string OutcomeTag = "booking.outcome";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>A span tagged with the reservation and apartment (either may be unknown yet); null when nobody
    /// listens, so an untraced host pays nothing.</summary>
    public static Activity? Start(string name, ActivityKind kind, string? apartmentId, string? reservationId)
    {
        var activity = Source.StartActivity(name, kind);
        if (activity is not null)
        {
            activity.SetTag(ApartmentIdTag, apartmentId);
            activity.SetTag(ReservationIdTag, reservationId);
        }

        return activity;
    }
}
