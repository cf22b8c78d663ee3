using Booking.Core.Apartments;

namespace Booking.Testing.Hosts;

/// <summary>A running host on emulators of its own, and its apartment table read directly for assertions.</summary>
public interface IBookingHostFixture
{
    IBookingHost Host { get; }

    DynamoDbApartmentStore Table { get; }

    /// <summary>The dynalite the host's table lives in, for writes the API cannot make (an orphaned hold).</summary>
    DynaliteProcess Dynalite { get; }

    string TableName { get; }
}
