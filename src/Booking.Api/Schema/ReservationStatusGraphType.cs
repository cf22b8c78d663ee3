using Booking.Core.Reservations;
using GraphQL.Types;

namespace Booking.Api.Schema;

/// <summary><c>enum ReservationStatus { REQUESTED PENDING_PAYMENT PAID EXPIRED CANCELLED REJECTED FAILED }</c>.</summary>
public sealed class ReservationStatusGraphType : EnumerationGraphType<ReservationStatus>
{
    public ReservationStatusGraphType()
    {
        Name = nameof(ReservationStatus);
    }
}
