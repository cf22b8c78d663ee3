using System.Diagnostics;
using Booking.Core.Telemetry;

namespace Booking.Core.Storage;

/// <summary>Client spans for DynamoDB requests, named and tagged as OpenTelemetry's database conventions say, plus the
/// apartment and reservation they concern.</summary>
internal static class DynamoDbSpans
{
    public static Activity? Start(string operation, string tableName, string? apartmentId, string? reservationId)
    {
        var span = BookingTelemetry.Start($"{operation} {tableName}", ActivityKind.Client, apartmentId, reservationId);
        span?.SetTag("db.system.name", "aws.dynamodb");
        span?.SetTag("db.operation.name", operation);
        span?.SetTag("aws.dynamodb.table_names", tableName);
        return span;
    }
}
