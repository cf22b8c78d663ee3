namespace Booking.Core.Reservations;

/// <summary>Machine-readable reasons that go with a final status.</summary>
public enum ReservationErrorCode
{
    /// <summary>No apartment has the requested id.</summary>
    ApartmentNotFound,

    /// <summary>Another reservation holds the apartment, or it is paid.</summary>
    ApartmentNotVacant,

    /// <summary>The hold was already gone (released by someone else, for example the sweeper) when payment or cancel arrived.</summary>
    HoldAlreadyGone,

    /// <summary>The workflow failed or was terminated; the message says why.</summary>
    WorkflowFailed,
}
