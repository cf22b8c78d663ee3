namespace Booking.Core.Reservations;

/// <summary>Statuses as the reservation records store them: the API's own names, so a record reads like the API.</summary>
public static class ReservationStatusNames
{
    private static readonly Dictionary<ReservationStatus, string> Stored = new()
    {
        [ReservationStatus.Requested] = "REQUESTED",
        [ReservationStatus.PendingPayment] = "PENDING_PAYMENT",
        [ReservationStatus.Paid] = "PAID",
        [ReservationStatus.Expired] = "EXPIRED",
        [ReservationStatus.Cancelled] = "CANCELLED",
        [ReservationStatus.Rejected] = "REJECTED",
        [ReservationStatus.Failed] = "FAILED",
    };

    private static readonly Dictionary<string, ReservationStatus> Parsed = Stored.ToDictionary(pair => pair.Value, pair => pair.Key);

    public static string ToStoredValue(this ReservationStatus status) => Stored[status];

    public static bool TryParse(string? stored, out ReservationStatus status) => Parsed.TryGetValue(stored ?? string.Empty, out status);

    /// <summary>True for the statuses a reservation never leaves.</summary>
    public static bool IsFinal(this ReservationStatus status) => status is not (ReservationStatus.Requested or ReservationStatus.PendingPayment);
}
