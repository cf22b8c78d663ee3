using GraphQL;
using GraphQL.Builders;

namespace Booking.Api.Access;

/// <summary>Marks a field as an operator field; <see cref="OperatorFieldsRule"/> refuses it to other callers.</summary>
internal static class OperatorOnly
{
    public const string MetadataKey = "booking.operatorOnly";

    public static FieldBuilder<TSource, TReturn> ForOperators<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field)
    {
        field.FieldType.WithMetadata(MetadataKey, true);
        return field;
    }
}
