namespace Booking.Api.Seed;

/// <summary>The seed's <c>stepfunctions</c> type: a workflow instance id and the ARN the client gave it.</summary>
public sealed record StepFunctionView(string Id, string Arn);
