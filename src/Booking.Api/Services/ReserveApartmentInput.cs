namespace Booking.Api.Services;

/// <summary>The arguments of <c>reserveApartment</c>; checked by <see cref="ReservationService"/>, not here.</summary>
public sealed class ReserveApartmentInput
{
    public string? ApartmentId { get; set; }

    public string? ReservationId { get; set; }

    public int? PaymentWindowSeconds { get; set; }
}
