using Booking.Api.Errors;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Booking.Api.Limits;

/// <summary>
/// Refuses an operation that would start more than one reservation (fields marked by
/// <see cref="StartsReservation"/>, aliased or brought in by fragments), before any of them runs, so one request
/// cannot hold a whole row of apartments at once.
/// </summary>
internal sealed class OneReservationRule : ValidationRuleBase
{
    public static OneReservationRule Instance { get; } = new();

    private OneReservationRule()
    {
    }

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation?.Operation is not OperationType.Mutation || context.Schema.Mutation is not { } mutation)
        {
            return default;
        }

        var starting = RootFields.Of(context)
            .Where(field => mutation.GetField(field.Name.Value)?.GetMetadata<bool>(StartsReservation.MetadataKey) == true)
            .ToArray();
        if (starting.Length > 1)
        {
            var names = string.Join(", ", starting.Select(field => field.Alias is null ? field.Name.StringValue : $"{field.Alias.Name.StringValue}: {field.Name.StringValue}"));
            context.ReportError(new ValidationError(
                context.Document.Source,
                null,
                $"A request may start at most one reservation; this one starts {starting.Length} ({names}). Send each in a request of its own.",
                starting)
            {
                Code = ApiErrorCodes.TooManyReservations,
            });
        }

        return default;
    }
}
