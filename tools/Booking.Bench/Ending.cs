namespace Booking.Bench;

/// <summary>How a reservation ends. The seed's state machine has only the first two.</summary>
internal enum Ending
{
    Expired,
    Paid,
    Cancelled,
    Rejected,
}
