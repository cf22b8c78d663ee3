using Booking.Core.Apartments;

namespace Booking.Core.Reservations;

/// <summary>Where a step of the workflow left the reservation: held, or a final status with the reason.</summary>
public sealed record ReservationDecision(ReservationStatus Status, ReservationErrorCode? ErrorCode = null, string? ErrorMessage = null)
{
    public static ReservationDecision Held { get; } = new(ReservationStatus.PendingPayment);

    public bool IsFinal => Status.IsFinal();

    /// <summary>The seed's Fail state: the apartment does not exist.</summary>
    public static ReservationDecision NoSuchApartment(string apartmentId, string? what = null) => new(
        ReservationStatus.Failed,
        ReservationErrorCode.ApartmentNotFound,
        what is null ? $"Apartment '{apartmentId}' does not exist." : $"{what}, but apartment '{apartmentId}' no longer exists.");

    /// <summary>What the reservation became when the apartment refused a change because this reservation no longer
    /// held it: paid if it is paid by this reservation (a payment system wrote 'paid', as the seed's did), otherwise
    /// <paramref name="intended"/>, saying the hold was already gone.</summary>
    public static ReservationDecision AfterRefusal(TransitionResult refused, ApartmentHold hold, ReservationStatus intended, string what)
    {
        if (refused.Apartment is { Status: ApartmentStatus.Paid } apartment && apartment.ReservationId == hold.ReservationId)
        {
            return new ReservationDecision(ReservationStatus.Paid);
        }

        return refused.Outcome == TransitionOutcome.NotFound
            ? NoSuchApartment(hold.ApartmentId, what)
            : new ReservationDecision(
                intended,
                ReservationErrorCode.HoldAlreadyGone,
                $"{what}, but reservation '{hold.ReservationId}' no longer held apartment '{hold.ApartmentId}'; nothing was changed.");
    }
}
