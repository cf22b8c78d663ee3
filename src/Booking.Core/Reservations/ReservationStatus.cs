namespace Booking.Core.Reservations;

/// <summary>Where a reservation stands. The first two are in flight; the rest are final.</summary>
public enum ReservationStatus
{
    /// <summary>Started; the hold on the apartment is not decided yet.</summary>
    Requested,

    /// <summary>The apartment is held until the deadline, waiting for payment.</summary>
    PendingPayment,

    Paid,
    Expired,
    Cancelled,

    /// <summary>The apartment was not vacant.</summary>
    Rejected,

    /// <summary>The apartment does not exist (the seed's Fail state), or the workflow itself failed.</summary>
    Failed,
}
