namespace Booking.Core.Apartments;

/// <summary>The outcome of a conditional change, with the apartment as it stands afterwards when it exists.</summary>
public sealed record TransitionResult(TransitionOutcome Outcome, Apartment? Apartment)
{
    public bool Applied => Outcome == TransitionOutcome.Applied;
}
