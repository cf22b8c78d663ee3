namespace Booking.Bench.PeerApp.Seed;

/// <summary>The seed's end states: "Payment Was made.", "Payment Wasn't Made, revert." and "Fail".</summary>
public enum SeedEnding
{
    Paid,
    Expired,
    Failed,
}
