using System.Globalization;

namespace Booking.Bench;

/// <summary>CPU seconds of the processes a reservation's work runs in.</summary>
internal sealed record CpuSample(double Host, double Azurite, double Dynalite, double Bench)
{
    public static CpuSample operator -(CpuSample after, CpuSample before) =>
        new(after.Host - before.Host, after.Azurite - before.Azurite, after.Dynalite - before.Dynalite, after.Bench - before.Bench);

    public static CpuSample operator +(CpuSample left, CpuSample right) =>
        new(left.Host + right.Host, left.Azurite + right.Azurite, left.Dynalite + right.Dynalite, left.Bench + right.Bench);

    /// <summary>Milliseconds of CPU per unit of work (a lifecycle, a call), per process.</summary>
    public string Per(long count) => count == 0
        ? "n/a"
        : string.Create(CultureInfo.InvariantCulture, $"host {Host * 1000 / count:F2} ms, Azurite {Azurite * 1000 / count:F2} ms, dynalite {Dynalite * 1000 / count:F2} ms, bench {Bench * 1000 / count:F2} ms");
}
