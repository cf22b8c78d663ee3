namespace Booking.Bench;

/// <summary>CPU seconds of the three processes a reservation's work runs in.</summary>
internal sealed record CpuSample(double Host, double Azurite, double Dynalite)
{
    public static CpuSample operator -(CpuSample after, CpuSample before) =>
        new(after.Host - before.Host, after.Azurite - before.Azurite, after.Dynalite - before.Dynalite);

    /// <summary>Milliseconds of CPU per reservation, per process.</summary>
    public string PerReservation(int count) => count == 0
        ? "n/a"
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"host {Host * 1000 / count:F1} ms, Azurite {Azurite * 1000 / count:F1} ms, dynalite {Dynalite * 1000 / count:F1} ms");
}
