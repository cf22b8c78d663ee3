namespace Booking.Core.Apartments;

/// <summary>One page of a scan; <see cref="NextPageToken"/> is null on the last page.</summary>
public sealed record ApartmentPage(IReadOnlyList<Apartment> Items, string? NextPageToken);
