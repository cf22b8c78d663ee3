using System.Diagnostics;
using Booking.Api.Access;
using Booking.Api.Paging;
using Booking.Api.Services;
using Booking.Core.Configuration;
using Booking.Core.Reservations;
using Booking.Core.Telemetry;
using Booking.Core.Validation;

namespace Booking.Api.Seed;

/// <summary>
/// The seed's AppSync fields, kept so its clients' documents work unchanged: <c>addStepFunction</c> starts a
/// reservation through the same path as <c>reserveApartment</c> (same claim, same limits), and
/// <c>getStepFunctions</c> lists reservations as the seed's <c>stepfunctions</c> type.
/// </summary>
public sealed class StepFunctionsService(ReservationService reservations, ReservationOptions options)
{
    public const int MaxArnLength = 2048;

    /// <summary>Starts a reservation named <c>input.id</c> of the given or default apartment with the configured
    /// payment window, and echoes the id and ARN as the seed's Lambda did; the token (only for the request that
    /// started it) rides beside the seed's shape.</summary>
    public async Task<(StepFunctionView View, string? Token)> AddAsync(StepFunctionsInput input, Caller caller, CancellationToken cancellationToken)
    {
        var id = InputRules.RequireReservationId(input.Id, "id");
        var arn = RequireArn(input.Arn);
        var apartmentId = input.ApartmentId is null
            ? options.DefaultApartmentId
            : InputRules.RequireApartmentId(input.ApartmentId, "apartmentId");

        using var span = BookingTelemetry.Start("addStepFunction", ActivityKind.Internal, apartmentId, id);
        var (token, hash) = ReservationToken.New();
        var started = await reservations.StartOnceAsync(new ReservationRequest(id, apartmentId, options.PaymentWindow), hash, arn, caller, cancellationToken);
        return (new StepFunctionView(id, arn), started ? token : null);
    }

    /// <summary>Reservations, newest first. One started without an ARN (by reserveApartment) shows the orchestrator
    /// name and its id instead.</summary>
    public async Task<ListPage<StepFunctionView>> ListAsync(PageRequest page, CancellationToken cancellationToken)
    {
        var records = await reservations.ListRecordsAsync(apartmentId: null, status: null, page, cancellationToken);
        return new ListPage<StepFunctionView>(
            [.. records.Items.Select(r => new StepFunctionView(r.Id, r.Arn ?? $"{ReservationOrchestrator.Name}/{r.Id}"))],
            records.NextToken);
    }

    private static string RequireArn(string? arn)
    {
        if (string.IsNullOrWhiteSpace(arn))
        {
            throw new InputValidationException("arn", "arn is invalid: it must not be empty or blank.");
        }

        if (arn.Length > MaxArnLength)
        {
            throw new InputValidationException("arn", $"arn is invalid: it must be at most {MaxArnLength} characters; got {arn.Length}.");
        }

        return arn.Any(char.IsControl)
            ? throw new InputValidationException("arn", "arn is invalid: it must not contain control characters.")
            : arn;
    }
}
