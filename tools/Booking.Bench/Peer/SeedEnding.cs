namespace Booking.Bench.Peer;

/// <summary>The seed's end states: "Payment Was made.", "Payment Wasn't Made, revert." and "Fail".</summary>
internal enum SeedEnding
{
    Paid,
    Expired,
    Failed,
}
