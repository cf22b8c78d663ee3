using Booking.Api.Access;
using Booking.Api.Seed;
using Booking.Api.Services;

namespace Booking.Api.Schema;

/// <summary>
/// What one request's resolvers call. The reservation service is per request because its DurableTaskClient is (the
/// Functions binding hands one to each invocation), so it travels in the user context rather than in DI.
/// </summary>
public sealed class BookingUserContext(ApartmentService apartments, ReservationService reservations, GraphQLApiOptions limits, string? operatorRefusal, Caller caller)
    : Dictionary<string, object?>
{
    /// <summary>The page sizes among them.</summary>
    public GraphQLApiOptions Limits { get; } = limits;

    /// <summary>Null when this request may use the operator fields; otherwise why not.</summary>
    public string? OperatorRefusal { get; } = operatorRefusal;

    /// <summary>Who sent the request, for the per-client limits.</summary>
    public Caller Caller { get; } = caller;

    /// <summary>Whether this request may use the operator fields, and see what only operators see.</summary>
    public bool IsOperator => OperatorRefusal is null;

    public ApartmentService Apartments { get; } = apartments;

    public ReservationService Reservations { get; } = reservations;

    /// <summary>The seed's fields, over the same reservations.</summary>
    public StepFunctionsService StepFunctions { get; } = new(reservations, reservations.Options);
}
