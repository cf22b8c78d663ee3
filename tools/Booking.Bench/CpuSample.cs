using System.Globalization;

namespace Booking.Bench;

/// <summary>CPU seconds of the processes a reservation's work runs in: our host (with its worker), the peer's (NaN
/// when the peer runs inside the bench), the emulators and the bench itself (relays, load, and the stand-in peer).</summary>
internal sealed record CpuSample(double Host, double Peer, double Azurite, double Dynalite, double Bench)
{
    public static CpuSample Zero { get; } = new(0, 0, 0, 0, 0);

    public static CpuSample operator -(CpuSample after, CpuSample before) =>
        new(after.Host - before.Host, after.Peer - before.Peer, after.Azurite - before.Azurite, after.Dynalite - before.Dynalite, after.Bench - before.Bench);

    public static CpuSample operator +(CpuSample left, CpuSample right) =>
        new(left.Host + right.Host, left.Peer + right.Peer, left.Azurite + right.Azurite, left.Dynalite + right.Dynalite, left.Bench + right.Bench);

    /// <summary>Milliseconds of CPU per unit of work (a lifecycle, a call), per process.</summary>
    public string Per(long count) => count == 0
        ? "n/a"
        : string.Join(", ", new[] { ("host", Host), ("peer", Peer), ("Azurite", Azurite), ("dynalite", Dynalite), ("bench", Bench) }
            .Where(p => double.IsFinite(p.Item2))
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Item1} {p.Item2 * 1000 / count:F2} ms")));
}
