using Booking.Testing;

namespace Booking.Engine.Tests;

[CollectionDefinition(Name)]
public sealed class EmulatorsCollection : ICollectionFixture<Emulators>
{
    public const string Name = "Engine emulators";
}
