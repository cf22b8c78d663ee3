namespace Booking.Api.Seed;

/// <summary>The seed's <c>StepFunctionsInput</c>, plus the optional apartment the port added.</summary>
public sealed class StepFunctionsInput
{
    public string? Id { get; set; }

    public string? Arn { get; set; }

    public string? ApartmentId { get; set; }
}
