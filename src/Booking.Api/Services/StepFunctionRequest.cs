namespace Booking.Api.Services;

/// <summary>
/// The workflow input <c>addStepFunction</c> sends: a <see cref="Core.Reservations.ReservationRequest"/> with the same
/// property names, plus the seed client's ARN. The orchestrator reads its own fields and ignores the extra one; the
/// ARN rides in the input because not every backend keeps instance tags (the in-process test host drops them).
/// </summary>
internal sealed record StepFunctionRequest(string ReservationId, string ApartmentId, TimeSpan PaymentWindow, string Arn);
