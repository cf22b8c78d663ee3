using Booking.Core.Apartments;
using Xunit;

namespace Booking.Testing.Hosts;

/// <summary>Checks reservations of apartments named <c>apt-&lt;reservation id&gt;</c> against the table.</summary>
public static class Outcomes
{
    /// <summary>Payers must have ended PAID with their apartment paid and still theirs; everyone else EXPIRED with
    /// the apartment vacant and no holder.</summary>
    public static async Task AssertPaidOrExpiredAsync(DynamoDbApartmentStore table, IReadOnlyDictionary<string, string> outcomes, IReadOnlySet<string> payers)
    {
        foreach (var (id, status) in outcomes)
        {
            var apartment = await table.GetAsync("apt-" + id);
            var expected = payers.Contains(id)
                ? (BookingApi.Paid, ApartmentStatus.Paid, id)
                : (BookingApi.Expired, ApartmentStatus.Vacant, (string?)null);
            Assert.Equal(expected, (status, apartment?.Status, apartment?.ReservationId));
        }
    }
}
