using System.Diagnostics;
using System.Diagnostics.Metrics;
using Booking.Api.Errors;
using Booking.Api.Limits;
using Booking.Core.Telemetry;
using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;

namespace Booking.Api.Telemetry;

/// <summary>
/// Counts what the API answered, per root field and error code, and the refusals of fields that start a reservation.
/// Wraps the GraphQL execution, after the document's errors have their codes, so it sees every answer the transport
/// sends back whatever host serves it.
/// </summary>
public sealed class GraphQLMetrics : IConfigureExecution
{
    public const string CallsName = "booking.api.calls";

    /// <summary>The root field's name in the schema (never the client's alias).</summary>
    public const string FieldTag = "booking.api.field";

    /// <summary>The semantic conventions' attribute: query or mutation.</summary>
    public const string OperationTypeTag = "graphql.operation.type";

    // A document's values and names are the client's, so neither is an attribute: only the schema's bounded set of
    // root fields and codes are.
    private static readonly Counter<long> Calls = BookingMetrics.Meter.CreateCounter<long>(
        CallsName, "{call}", "Root fields the API answered (one for a document refused before it ran), by field and error code.");

    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        var result = await next(options);
        Record(result);
        return result;
    }

    private static void Record(ExecutionResult result)
    {
        var operationType = result.Operation?.Operation.ToString().ToLowerInvariant();
        if (result.Data is not RootExecutionNode { SubFields: { Length: > 0 } fields })
        {
            var tags = Tags(operationType, field: null, result.Errors?.FirstOrDefault());
            Calls.Add(1, tags);
            return;
        }

        foreach (var field in fields)
        {
            var error = result.Errors?.FirstOrDefault(e => e.Path?.FirstOrDefault() is string name && name == field.Name);
            Calls.Add(1, Tags(operationType, field.FieldDefinition.Name, error));
            if (error is not null && field.FieldDefinition.GetMetadata(StartsReservation.MetadataKey, false) && IsRefusal(error))
            {
                BookingMetrics.RecordRefused(ErrorType(error), new TagList { { FieldTag, field.FieldDefinition.Name } });
            }
        }
    }

    private static TagList Tags(string? operationType, string? field, ExecutionError? error)
    {
        var tags = new TagList();
        if (operationType is not null)
        {
            tags.Add(OperationTypeTag, operationType);
        }

        if (field is not null)
        {
            tags.Add(FieldTag, field);
        }

        if (error is not null)
        {
            tags.Add(BookingMetrics.ErrorTypeTag, ErrorType(error));
        }

        return tags;
    }

    // The semantic conventions' fallback when an error has no better name.
    private static string ErrorType(ExecutionError error) => error.Code ?? "_OTHER";

    /// <summary>A refusal is the client's to act on; a store that could not be reached or a bug is not one.</summary>
    private static bool IsRefusal(ExecutionError error) =>
        error.Code is not (null or ApiErrorCodes.ServiceUnavailable or ApiErrorCodes.InternalServerError);
}
