using Booking.Api.Services;
using GraphQL.Types;

namespace Booking.Api.Schema;

public sealed class ReserveApartmentInputGraphType : InputObjectGraphType<ReserveApartmentInput>
{
    public ReserveApartmentInputGraphType()
    {
        Name = nameof(ReserveApartmentInput);
        Field<NonNullGraphType<IdGraphType>>("apartmentId");
        Field<IdGraphType>("reservationId").Description("Also the workflow instance id; generated when absent. Repeating one returns the existing reservation.");
        Field<IntGraphType>("paymentWindowSeconds").Description("How long the apartment is held for payment; the configured default when absent.");
    }
}
