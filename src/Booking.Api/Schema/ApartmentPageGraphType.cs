using Booking.Core.Apartments;

namespace Booking.Api.Schema;

public sealed class ApartmentPageGraphType() : ListPageGraphType<ApartmentGraphType, Apartment>("ApartmentPage");
