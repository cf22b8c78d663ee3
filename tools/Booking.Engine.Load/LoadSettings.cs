namespace Booking.Engine.Load;

/// <summary>One load run: how many reservations, how many started at once, their payment window, the time limit.</summary>
public sealed class LoadSettings
{
    public int Count { get; set; } = 1000;

    public int Parallelism { get; set; } = 32;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    public string Prefix { get; set; } = "load-";

    /// <summary>Reservations started one at a time, with <see cref="ProbeWindow"/>, once every reservation of the run
    /// waits at once: their lateness is the timers' promptness under that load. 0: none.</summary>
    public int Probes { get; set; }

    public TimeSpan ProbeWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Reservations (with <see cref="ProbeWindow"/>) started together and run to the end before the measured
    /// run, so that it does not measure a cold process. 0: none.</summary>
    public int WarmUp { get; set; }

    /// <summary>How often the run lists its instances to count outcomes. Each listing reads every instance row (on
    /// Azurite a scan per page), so a run of many thousands lists less often to leave the emulator to the engine.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether starts carry their <see cref="Core.Reservations.StartBy"/> tag, as the API's do; false to
    /// measure the engine running first episodes in arrival order.</summary>
    public bool TagStartBy { get; set; } = true;
}
