namespace Booking.Bench;

/// <summary>The goals docs/benchmark.md sets beside the figures. The bench reports whether each is met; it is never
/// tuned to meet one.</summary>
internal static class Goals
{
    /// <summary>Hold decision ÷ floor at 1 in flight, median: at most this.</summary>
    public const double DecisionRatioP50 = 4;

    /// <summary>Hold decision ÷ floor at 1 in flight, 99th percentile: at most this.</summary>
    public const double DecisionRatioP99 = 6;

    /// <summary>Ours ÷ peer, storage requests per expired reservation with reservations overlapping: at most this.</summary>
    public const double StorageRatioExpiredOverlapping = 0.8;

    /// <summary>Ours on Azure ÷ the seed's design on AWS, per expired reservation: at most this.</summary>
    public const double CostRatioExpired = 0.2;

    /// <summary>GraphQL apartment(id) rate ÷ the thin GetItem endpoint's rate: at least this.</summary>
    public const double ApiRatio = 0.8;

    /// <summary>Timer lateness at light load, p99: at most this many milliseconds.</summary>
    public const double TimerLatenessP99Ms = 1000;

    /// <summary>A page of an apartment's reservations with 20 times more reservations in the system ÷ with few: at
    /// most this.</summary>
    public const double ListPageRatio = 1.5;
}
