namespace Booking.Bench;

/// <summary>The goals docs/benchmark.md sets beside the figures.</summary>
internal static class Goals
{
    /// <summary>Ours ÷ peer, storage transactions per expired reservation: at most this.</summary>
    public const double StorageRatioExpired = 0.6;

    /// <summary>GraphQL apartment(id) rate ÷ raw GetItem rate: at least this.</summary>
    public const double ApiRatio = 0.8;

    /// <summary>Timer lateness at light load, p99: at most this many milliseconds.</summary>
    public const double TimerLatenessP99Ms = 1000;

    /// <summary>A page of an apartment's reservations with 20 times more reservations in the system ÷ with few: at
    /// most this.</summary>
    public const double ListPageRatio = 1.5;
}
