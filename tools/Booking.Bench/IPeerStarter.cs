namespace Booking.Bench;

/// <summary>How the bench starts a peer reservation: as the seed's starter Lambda does, one start and no wait.</summary>
internal interface IPeerStarter
{
    Task StartReservationAsync(string id, string apartmentId, TimeSpan wait, CancellationToken cancellationToken);
}
