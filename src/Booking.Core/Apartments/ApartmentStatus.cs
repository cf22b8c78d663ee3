namespace Booking.Core.Apartments;

/// <summary>An apartment's booking state. Stored in DynamoDB as the seed's lowercase strings.</summary>
public enum ApartmentStatus
{
    Vacant,
    Reserved,
    Paid,
}
