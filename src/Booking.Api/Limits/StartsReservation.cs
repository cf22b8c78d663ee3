using GraphQL;
using GraphQL.Builders;

namespace Booking.Api.Limits;

/// <summary>Marks a mutation that starts a reservation; <see cref="OneReservationRule"/> lets a document select one.</summary>
internal static class StartsReservation
{
    public const string MetadataKey = "booking.startsReservation";

    public static FieldBuilder<TSource, TReturn> StartsAReservation<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field)
    {
        field.FieldType.WithMetadata(MetadataKey, true);
        return field;
    }
}
