using Booking.Bench.Counting;

namespace Booking.Bench;

/// <summary>Everything one run measured, for the table and the JSON line. A scenario that ran out of time leaves its
/// figures missing (NaN or absent), never made up.</summary>
internal sealed class Figures
{
    public required string Commit { get; init; }

    public required bool Smoke { get; init; }

    public HostKind Host { get; set; }

    public string HostDescription { get; set; } = string.Empty;

    /// <summary>How many reservations overlapped in the overlapping batches.</summary>
    public int InFlight { get; set; }

    public double Seconds { get; set; }

    public RequestCounts OurIdlePerSecond { get; set; } = RequestCounts.None;

    public RequestCounts PeerIdlePerSecond { get; set; } = RequestCounts.None;

    public Dictionary<Ending, EndingCost> Ours { get; } = [];

    public Dictionary<Ending, EndingCost> Peer { get; } = [];

    /// <summary>Per reservation with <see cref="InFlight"/> reservations overlapping.</summary>
    public Dictionary<Ending, EndingCost> OursOverlapping { get; } = [];

    public Dictionary<Ending, EndingCost> PeerOverlapping { get; } = [];

    public FlashSale? FlashSale { get; set; }

    public DecisionLatency? Latency { get; set; }

    public ApiOverhead? Api { get; set; }

    public Throughput? Throughput { get; set; }

    public ListPageTime? ListPage { get; set; }

    /// <summary>Reservations that ended otherwise than the scenario meant, or had not ended when it stopped waiting.</summary>
    public int Lost =>
        new[] { Ours, Peer, OursOverlapping, PeerOverlapping }.Sum(costs => costs.Values.Sum(c => c.Wrong))
        + (Latency?.Wrong ?? 0) + (Throughput?.Wrong ?? 0);

    public double Storage(Ending ending) => Ours.TryGetValue(ending, out var c) ? c.Storage : double.NaN;

    public double PeerStorage(Ending ending) => Peer.TryGetValue(ending, out var c) ? c.Storage : double.NaN;

    public double StorageRatio(Ending ending) => Stats.Ratio(Storage(ending), PeerStorage(ending));

    public double StorageRatioOverlapping(Ending ending) => Stats.Ratio(
        OursOverlapping.TryGetValue(ending, out var c) ? c.Storage : double.NaN,
        PeerOverlapping.TryGetValue(ending, out var p) ? p.Storage : double.NaN);

    public double CostRatio(Ending ending) => Stats.Ratio(AzureCost(ending), AwsCost(ending));

    public double AzureCost(Ending ending) => Ours.TryGetValue(ending, out var c) ? CostModel.Total(CostModel.Azure(c)) : double.NaN;

    public double AwsCost(Ending ending) => Peer.TryGetValue(ending, out var c) ? CostModel.Total(CostModel.Aws(c)) : double.NaN;

    public double DecisionP(double fraction) => Stats.Percentile(Latency?.DecisionMs ?? [], fraction);

    public double FloorP(double fraction) => Stats.Percentile(Latency?.FloorMs ?? [], fraction);

    public double LatenessP(double fraction) => Stats.Percentile(Latency?.LatenessMs ?? [], fraction);

    public double DecisionRatio(double fraction) => Stats.Ratio(DecisionP(fraction), FloorP(fraction));

    public double FlashSaleDecisionP(double fraction) => Stats.Percentile(FlashSale?.DecisionMs ?? [], fraction);

    public double ApiRatio => Stats.Ratio(Api?.GraphQLPerSecond ?? double.NaN, Api?.GetItemPerSecond ?? double.NaN);
}
