using System.Diagnostics;
using System.Diagnostics.Metrics;
using Booking.Api.Errors;
using Booking.Api.Limits;
using Booking.Core.Telemetry;
using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;

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
        Record(result, options.Schema);
        return result;
    }

    private static void Record(ExecutionResult result, ISchema? schema)
    {
        var operationType = result.Operation?.Operation.ToString().ToLowerInvariant();
        var fields = RootFields(result, schema);
        if (fields.Count == 0)
        {
            Calls.Add(1, Tags(operationType, field: null, result.Errors?.FirstOrDefault()));
            return;
        }

        foreach (var (responseName, field) in fields)
        {
            var error = result.Errors?.FirstOrDefault(e => e.Path?.FirstOrDefault() is string name && name == responseName);
            Calls.Add(1, Tags(operationType, field.Name, error));
            if (error is not null && field.GetMetadata(StartsReservation.MetadataKey, false) && IsRefusal(error))
            {
                BookingMetrics.RecordRefused(ErrorType(error), new TagList { { FieldTag, field.Name } });
            }
        }
    }

    /// <summary>The root fields that ran, by response name: the executed ones, or, when a failed non-null root field
    /// left no data, the operation's own root selections.</summary>
    private static List<(string ResponseName, FieldType Field)> RootFields(ExecutionResult result, ISchema? schema)
    {
        if (result.Data is RootExecutionNode { SubFields: { } executed })
        {
            return [.. executed.Select(node => (node.Name ?? node.FieldDefinition.Name, node.FieldDefinition))];
        }

        var root = result.Operation?.Operation switch
        {
            OperationType.Query => schema?.Query,
            OperationType.Mutation => schema?.Mutation,
            _ => null,
        };
        if (!result.Executed || root is null)
        {
            return [];
        }

        return [.. result.Operation!.SelectionSet.Selections
            .OfType<GraphQLField>()
            .Select(selection => (Selection: selection, Field: root.GetField(selection.Name.StringValue)))
            .Where(found => found.Field is not null)
            .Select(found => ((found.Selection.Alias?.Name ?? found.Selection.Name).StringValue, found.Field!))];
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
