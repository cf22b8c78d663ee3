namespace Booking.Core.Apartments;

/// <summary>How a conditional status change ended. Refusals are business outcomes, not faults.</summary>
public enum TransitionOutcome
{
    /// <summary>The change was made, or had already been made by the same reservation (an idempotent retry).</summary>
    Applied,

    /// <summary>No apartment has that id.</summary>
    NotFound,

    /// <summary>Reserve only: the apartment is held or paid by another reservation.</summary>
    NotVacant,

    /// <summary>Confirm or release: the reservation does not hold the apartment (expired, released or never held).</summary>
    NotHolder,
}
