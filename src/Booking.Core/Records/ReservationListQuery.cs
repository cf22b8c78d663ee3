using Booking.Core.Reservations;

namespace Booking.Core.Records;

/// <summary>One page of reservations, newest first: all of them, or one apartment's, optionally in one status,
/// starting after <paramref name="After"/>.</summary>
public sealed record ReservationListQuery(string? ApartmentId, ReservationStatus? Status, int First, ReservationListPosition? After = null);

/// <summary>Where a page ended: the last reservation read, by creation time and id (the index's order).</summary>
public sealed record ReservationListPosition(string Id, DateTimeOffset CreatedAt);

/// <summary>A page of records; <paramref name="Next"/> is null only when nothing follows.</summary>
public sealed record ReservationRecordPage(IReadOnlyList<ReservationRecord> Items, ReservationListPosition? Next);
