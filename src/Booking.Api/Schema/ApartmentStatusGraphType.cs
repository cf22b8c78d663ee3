using Booking.Core.Apartments;
using GraphQL.Types;

namespace Booking.Api.Schema;

/// <summary><c>enum ApartmentStatus { VACANT RESERVED PAID }</c>.</summary>
public sealed class ApartmentStatusGraphType : EnumerationGraphType<ApartmentStatus>
{
    public ApartmentStatusGraphType()
    {
        Name = nameof(ApartmentStatus);
    }
}
