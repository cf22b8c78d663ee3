namespace Booking.Bench.PeerApp.Seed;

/// <summary>An UpdateItem task state's parameters: the status to write, and whether the seed's
/// <c>attribute_exists(Id)</c> condition guards it (on "Change Apartment Status", not on the revert).</summary>
public sealed record StatusChange(string ApartmentId, string Status, bool OnlyIfExists);
