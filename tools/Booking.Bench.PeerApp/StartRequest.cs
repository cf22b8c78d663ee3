namespace Booking.Bench.PeerApp;

/// <summary>What the bench sends the starter: the execution's name, the apartment, and the Wait state's seconds.</summary>
public sealed record StartRequest(string Id, string ApartmentId, int WaitSeconds);
