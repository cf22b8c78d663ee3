using Booking.Api.Services;

namespace Booking.Api.Schema;

public sealed class ReservationPageGraphType() : ListPageGraphType<ReservationGraphType, ReservationView>("ReservationPage");
