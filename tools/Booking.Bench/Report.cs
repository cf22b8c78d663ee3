using System.Globalization;
using System.Text.Json.Nodes;
using Booking.Bench.Counting;

namespace Booking.Bench;

/// <summary>The run's table, and its last line: one JSON object whose keys docs/benchmark.md documents.</summary>
internal static class Report
{
    private static readonly Ending[] Endings = Enum.GetValues<Ending>();

    public static JsonObject Json(Figures f)
    {
        var json = new JsonObject
        {
            ["commit"] = f.Commit,
            ["smoke"] = f.Smoke,
            ["seconds"] = Number(f.Seconds, 0),
            ["idleStorage"] = Number(StorageOf(f.OurIdlePerSecond), 1),
            ["peerIdleStorage"] = Number(StorageOf(f.PeerIdlePerSecond), 1),
        };
        foreach (var e in Endings)
        {
            json["storage" + e] = Number(f.Storage(e), 1);
        }

        json["peerStorageExpired"] = Number(f.PeerStorage(Ending.Expired), 1);
        json["peerStoragePaid"] = Number(f.PeerStorage(Ending.Paid), 1);
        foreach (var e in Endings)
        {
            json["storageRatio" + e] = Number(f.StorageRatio(e), 2);
        }

        json["storageGoalMet"] = f.StorageRatio(Ending.Expired) <= Goals.StorageRatioExpired;
        foreach (var e in Endings)
        {
            json["dynamoDb" + e] = Number(f.Ours.GetValueOrDefault(e)?.DynamoDb ?? double.NaN, 2);
        }

        json["peerDynamoDbExpired"] = Number(f.Peer.GetValueOrDefault(Ending.Expired)?.DynamoDb ?? double.NaN, 2);
        json["peerDynamoDbPaid"] = Number(f.Peer.GetValueOrDefault(Ending.Paid)?.DynamoDb ?? double.NaN, 2);
        foreach (var e in Endings)
        {
            json["executions" + e] = Number(f.Ours.GetValueOrDefault(e)?.FunctionExecutions ?? double.NaN, 1);
        }

        foreach (var e in Endings)
        {
            json["azureCost" + e] = Number(f.AzureCost(e), 2);
        }

        foreach (var e in Endings)
        {
            json["awsCost" + e] = Number(f.AwsCost(e), 2);
        }

        json["graphQLPerSecond"] = Number(f.Api?.GraphQLPerSecond ?? double.NaN, 0);
        json["getItemPerSecond"] = Number(f.Api?.GetItemPerSecond ?? double.NaN, 0);
        json["apiRatio"] = Number(f.ApiRatio, 2);
        json["apiGoalMet"] = f.ApiRatio >= Goals.ApiRatio;
        json["decisionP50Ms"] = Number(f.DecisionP(0.5), 1);
        json["decisionP99Ms"] = Number(f.DecisionP(0.99), 1);
        json["floorP50Ms"] = Number(f.FloorP(0.5), 1);
        json["floorP99Ms"] = Number(f.FloorP(0.99), 1);
        json["decisionRatioP50"] = Number(Stats.Ratio(f.DecisionP(0.5), f.FloorP(0.5)), 1);
        json["decisionRatioP99"] = Number(Stats.Ratio(f.DecisionP(0.99), f.FloorP(0.99)), 1);
        json["timerLatenessP50Ms"] = Number(f.LatenessP(0.5), 0);
        json["timerLatenessP99Ms"] = Number(f.LatenessP(0.99), 0);
        json["timerGoalMet"] = f.LatenessP(0.99) <= Goals.TimerLatenessP99Ms;
        json["lifecyclesPerSecond"] = Number(f.Throughput?.LifecyclesPerSecond ?? double.NaN, 2);
        json["listPageFewReservations"] = f.ListPage?.Few;
        json["listPageManyReservations"] = f.ListPage?.Many;
        json["listPageFewMs"] = Number(f.ListPage?.FewMs ?? double.NaN, 1);
        json["listPageManyMs"] = Number(f.ListPage?.ManyMs ?? double.NaN, 1);
        json["listPageRatio"] = Number(f.ListPage?.Ratio ?? double.NaN, 2);
        json["listPageGoalMet"] = f.ListPage?.Ratio <= Goals.ListPageRatio;
        json["lost"] = f.Lost;
        return json;
    }

    public static void Table(Figures f, TextWriter o)
    {
        o.WriteLine();
        o.WriteLine(I($"Storage requests per reservation, less the idle rate (ours {StorageOf(f.OurIdlePerSecond):F1}/s, peer {StorageOf(f.PeerIdlePerSecond):F1}/s idle):"));
        o.WriteLine("ending      ours  (queue table  blob)   peer  ours/peer | DynamoDB ours  peer | episodes act timers | executions  n");
        foreach (var e in Endings)
        {
            var c = f.Ours.GetValueOrDefault(e);
            var p = f.Peer.GetValueOrDefault(e);
            o.WriteLine(I($"{e,-10} {N(c?.Storage),5} ({N(c?.PerReservation.Service(RequestKinds.Queue)),5} {N(c?.PerReservation.Service(RequestKinds.Table)),5} {N(c?.PerReservation.Service(RequestKinds.Blob)),5}) {N(p?.Storage),6} {N(f.StorageRatio(e), "F2"),9} | {N(c?.DynamoDb, "F2"),13} {N(p?.DynamoDb, "F2"),5} | ")
                + I($"{N(c?.History.Episodes),4}/{N(p?.History.Episodes)} {N(c?.History.Activities),3} {N(c?.History.Timers),3}/{N(p?.History.Timers)} | {N(c?.FunctionExecutions),10} {c?.Reservations,2}"));
        }

        o.WriteLine();
        o.WriteLine("Per reservation by kind (kinds seen only at start-up left out), ours and the peer's per ending, and the idle rates per second:");
        o.WriteLine("kind                                    ours: expired  paid cancelled rejected | peer: expired  paid | idle: ours  peer");
        var batches = f.Ours.Values.Concat(f.Peer.Values).ToList();
        var kinds = batches.SelectMany(c => c.PerReservation.ByKind.Keys)
            .Union(f.OurIdlePerSecond.ByKind.Keys).Union(f.PeerIdlePerSecond.ByKind.Keys).Order(StringComparer.Ordinal)
            .Where(kind => batches.Any(c => Math.Abs(c.PerReservation.ByKind.GetValueOrDefault(kind)) >= 0.05)
                || f.OurIdlePerSecond.ByKind.GetValueOrDefault(kind) > 0 || f.PeerIdlePerSecond.ByKind.GetValueOrDefault(kind) > 0);
        foreach (var kind in kinds)
        {
            string Of(Dictionary<Ending, EndingCost> costs, Ending e, int width) => N(costs.GetValueOrDefault(e)?.PerReservation.ByKind.GetValueOrDefault(kind)).PadLeft(width);
            o.WriteLine(I($"{kind,-38} {Of(f.Ours, Ending.Expired, 14)}{Of(f.Ours, Ending.Paid, 6)}{Of(f.Ours, Ending.Cancelled, 10)}{Of(f.Ours, Ending.Rejected, 9)} | {Of(f.Peer, Ending.Expired, 13)}{Of(f.Peer, Ending.Paid, 6)} | ")
                + I($"{N(f.OurIdlePerSecond.ByKind.GetValueOrDefault(kind), "F2"),10} {N(f.PeerIdlePerSecond.ByKind.GetValueOrDefault(kind), "F2"),5}"));
        }

        o.WriteLine();
        o.WriteLine("Cost per million reservations, USD (list prices in docs/benchmark.md; execution time left out):");
        foreach (var e in Endings)
        {
            var azure = f.Ours.GetValueOrDefault(e) is { } c ? CostModel.Azure(c) : [];
            var aws = f.Peer.GetValueOrDefault(e) is { } p ? CostModel.Aws(p) : [];
            o.WriteLine(I($"{e,-10} Azure {N(f.AzureCost(e), "F2"),7} = {Terms(azure)}"));
            o.WriteLine(I($"{string.Empty,-10} AWS   {N(f.AwsCost(e), "F2"),7} = {(aws.Count == 0 ? "(the seed has no such ending)" : Terms(aws))}"));
        }

        o.WriteLine();
        o.WriteLine(I($"API: apartment(id) over GraphQL {N(f.Api?.GraphQLPerSecond, "F0")}/s, raw GetItem {N(f.Api?.GetItemPerSecond, "F0")}/s: ratio {N(f.ApiRatio, "F2")} (goal >= {Goals.ApiRatio})"));
        if (f.Api?.Cpu is var (graphQLCpu, getItemCpu))
        {
            o.WriteLine(I($"     CPU per GraphQL call: {graphQLCpu.Per(f.Api.GraphQLCalls)}"));
            o.WriteLine(I($"     CPU per raw GetItem: {getItemCpu.Per(f.Api.GetItemCalls)}"));
        }
        o.WriteLine(I($"Decision: reserveApartment to PENDING_PAYMENT p50 {N(f.DecisionP(0.5))} ms, p99 {N(f.DecisionP(0.99))} ms; floor p50 {N(f.FloorP(0.5))} ms, p99 {N(f.FloorP(0.99))} ms; ratio p50 {N(Stats.Ratio(f.DecisionP(0.5), f.FloorP(0.5)))}, p99 {N(Stats.Ratio(f.DecisionP(0.99), f.FloorP(0.99)))} ({f.Latency?.DecisionMs.Count} decided, {f.Latency?.Undecided} undecided)"));
        o.WriteLine(I($"Timer lateness, light load: p50 {N(f.LatenessP(0.5), "F0")} ms, p99 {N(f.LatenessP(0.99), "F0")} ms ({f.Latency?.LatenessMs.Count} measured, {f.Latency?.LatenessMs.Count(ms => ms > Goals.TimerLatenessP99Ms)} over {Goals.TimerLatenessP99Ms} ms, max {N(f.Latency?.LatenessMs.DefaultIfEmpty(double.NaN).Max(), "F0")} ms; goal p99 <= {Goals.TimerLatenessP99Ms} ms)"));
        o.WriteLine(I($"Throughput: {N(f.Throughput?.LifecyclesPerSecond, "F2")} lifecycles/s at 32 in flight ({f.Throughput?.Completed} in the run, {f.Throughput?.Started} started); CPU per lifecycle: {f.Throughput?.Cpu?.Per(f.Throughput.Completed) ?? "n/a"}"));
        o.WriteLine(I($"List page: reservations(apartmentId, first: 10) p50 {N(f.ListPage?.FewMs)} ms with {f.ListPage?.Few} reservations, {N(f.ListPage?.ManyMs)} ms with {f.ListPage?.Many}: ratio {N(f.ListPage?.Ratio, "F2")} (goal <= {Goals.ListPageRatio})"));
        o.WriteLine(I($"Lost: {f.Lost}; run {f.Seconds:F0} s; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
    }

    private static double StorageOf(RequestCounts counts) => RequestKinds.StorageServices.Sum(counts.Service);

    private static JsonValue? Number(double value, int digits) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, digits)) : null;

    private static string N(double? value, string format = "F1") => value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Terms(IReadOnlyList<(string Term, double Usd)> terms) =>
        string.Join(" + ", terms.Select(t => I($"{t.Term} {t.Usd:F2}")));

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
