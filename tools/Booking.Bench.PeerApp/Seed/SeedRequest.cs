namespace Booking.Bench.PeerApp.Seed;

/// <summary>The seed's execution input, <c>{"input": {"apartmentId", "status"}}</c>, plus the Wait state's fixed time
/// (5 s in the seed's ASL, 30 s in its CDK stack; the bench gives both systems the same window).</summary>
public sealed record SeedRequest(string ApartmentId, string Status, TimeSpan Wait);
