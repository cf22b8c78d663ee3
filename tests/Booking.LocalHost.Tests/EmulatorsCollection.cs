using Booking.Testing;

namespace Booking.LocalHost.Tests;

[CollectionDefinition(Name)]
public sealed class EmulatorsCollection : ICollectionFixture<Emulators>
{
    public const string Name = "Local host emulators";
}
