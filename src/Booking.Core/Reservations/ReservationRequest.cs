namespace Booking.Core.Reservations;

/// <summary>The workflow's input. The reservation id is also the durable instance id. <paramref name="HoldFrom"/>,
/// when set, is the moment the <see cref="DeadlineCalendar"/> admitted it: the workflow waits until then before it
/// holds the apartment, and its payment window starts then.</summary>
public sealed record ReservationRequest(string ReservationId, string ApartmentId, TimeSpan PaymentWindow, DateTimeOffset? HoldFrom = null);
