namespace Booking.Bench;

/// <summary>What the measured systems run under: a Functions host (Core Tools or the open-source host, as the tests
/// find it), or, without one, the local stand-in host and the peer on the stand-in engine.</summary>
internal enum HostKind
{
    FunctionsHost,
    Local,
}
