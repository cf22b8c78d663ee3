namespace Booking.Engine.Load;

/// <summary>One load run: how many reservations, how many started at once, their payment window, the time limit.</summary>
public sealed class LoadSettings
{
    public int Count { get; set; } = 1000;

    public int Parallelism { get; set; } = 32;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    public string Prefix { get; set; } = "load-";
}
