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
            ["host"] = f.Host == HostKind.FunctionsHost ? "functions-host" : "local",
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

        json["storageRatioExpiredAt32"] = Number(f.StorageRatioOverlapping(Ending.Expired), 2);
        json["storageGoalMet"] = f.StorageRatioOverlapping(Ending.Expired) <= Goals.StorageRatioExpiredOverlapping;
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

        json["costRatioExpired"] = Number(f.CostRatio(Ending.Expired), 3);
        json["graphQLPerSecond"] = Number(f.Api?.GraphQLPerSecond ?? double.NaN, 0);
        json["getItemPerSecond"] = Number(f.Api?.GetItemPerSecond ?? double.NaN, 0);
        json["apiRatio"] = Number(f.ApiRatio, 2);
        json["apiGoalMet"] = f.ApiRatio >= Goals.ApiRatio;
        json["decisionP50Ms"] = Number(f.DecisionP(0.5), 1);
        json["decisionP99Ms"] = Number(f.DecisionP(0.99), 1);
        json["floorP50Ms"] = Number(f.FloorP(0.5), 1);
        json["floorP99Ms"] = Number(f.FloorP(0.99), 1);
        json["decisionRatioP50"] = Number(f.DecisionRatio(0.5), 1);
        json["decisionRatioP99"] = Number(f.DecisionRatio(0.99), 1);
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
        json["flashSaleDecisionsPerSecond"] = Number(f.FlashSale?.DecisionsPerSecond ?? double.NaN, 1);
        json["flashSaleDecisionP50Ms"] = Number(f.FlashSaleDecisionP(0.5), 1);
        json["flashSaleDecisionP99Ms"] = Number(f.FlashSaleDecisionP(0.99), 1);
        json["flashSaleHeld"] = f.FlashSale?.Held;
        json["flashSaleDoubleBookings"] = f.FlashSale?.DoubleBookings;
        json["flashSaleStuck"] = f.FlashSale?.Stuck;
        json["flashSale5xx"] = f.FlashSale?.ServerErrors;
        json["lost"] = f.Lost;
        return json;
    }

    public static void Table(Figures f, TextWriter o)
    {
        o.WriteLine();
        o.WriteLine(I($"Host: {f.HostDescription}"));
        o.WriteLine(I($"Idle, one instance: ours {StorageOf(f.OurIdlePerSecond) * 60:F0} storage requests per minute, peer {StorageOf(f.PeerIdlePerSecond) * 60:F0}"));
        CountTable(o, "one at a time", f.Ours, f.Peer, f.OurIdlePerSecond, f.PeerIdlePerSecond);
        CountTable(o, I($"{f.InFlight} in flight"), f.OursOverlapping, f.PeerOverlapping, f.OurIdlePerSecond, f.PeerIdlePerSecond);

        o.WriteLine();
        o.WriteLine("Per reservation by kind (kinds seen only at start-up left out), ours and the peer's per ending one at a time, and the idle rates per second:");
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
        o.WriteLine("Cost per million reservations one at a time, USD (list prices in docs/benchmark.md; execution time left out):");
        foreach (var e in Endings)
        {
            var azure = f.Ours.GetValueOrDefault(e) is { } c ? CostModel.Azure(c) : [];
            var aws = f.Peer.GetValueOrDefault(e) is { } p ? CostModel.Aws(p) : [];
            o.WriteLine(I($"{e,-10} Azure {N(f.AzureCost(e), "F2"),7} = {Terms(azure)}"));
            o.WriteLine(I($"{string.Empty,-10} AWS   {N(f.AwsCost(e), "F2"),7} = {(aws.Count == 0 ? "(the seed has no such ending)" : Terms(aws))}"));
        }

        o.WriteLine(I($"{f.InFlight} in flight, expired: Azure {N(f.OursOverlapping.GetValueOrDefault(Ending.Expired) is { } oc ? CostModel.Total(CostModel.Azure(oc)) : double.NaN, "F2")}, AWS {N(f.PeerOverlapping.GetValueOrDefault(Ending.Expired) is { } pc ? CostModel.Total(CostModel.Aws(pc)) : double.NaN, "F2")}"));

        o.WriteLine();
        o.WriteLine(I($"API: apartment(id) over GraphQL {N(f.Api?.GraphQLPerSecond, "F0")}/s, thin GetItem endpoint {N(f.Api?.GetItemPerSecond, "F0")}/s: ratio {N(f.ApiRatio, "F2")}"));
        if (f.Api?.Cpu is var (graphQLCpu, getItemCpu))
        {
            o.WriteLine(I($"     CPU per GraphQL call: {graphQLCpu.Per(f.Api.GraphQLCalls)}"));
            o.WriteLine(I($"     CPU per thin GetItem call: {getItemCpu.Per(f.Api.GetItemCalls)}"));
        }

        o.WriteLine(I($"Decision: reserveApartment to PENDING_PAYMENT p50 {N(f.DecisionP(0.5))} ms, p99 {N(f.DecisionP(0.99))} ms; floor p50 {N(f.FloorP(0.5))} ms, p99 {N(f.FloorP(0.99))} ms; ratio p50 {N(f.DecisionRatio(0.5))}, p99 {N(f.DecisionRatio(0.99))} ({f.Latency?.DecisionMs.Count} decided, {f.Latency?.Undecided} undecided)"));
        o.WriteLine(I($"Window lateness, light load: p50 {N(f.LatenessP(0.5), "F0")} ms, p99 {N(f.LatenessP(0.99), "F0")} ms ({f.Latency?.LatenessMs.Count} measured, max {N(f.Latency?.LatenessMs.DefaultIfEmpty(double.NaN).Max(), "F0")} ms)"));
        var sale = f.FlashSale;
        o.WriteLine(I($"Flash sale: {sale?.Requests} requests for {sale?.Apartments} apartments from {sale?.Clients} clients: {N(sale?.DecisionsPerSecond)} decisions/s, decision p50 {N(f.FlashSaleDecisionP(0.5))} ms, p99 {N(f.FlashSaleDecisionP(0.99))} ms ({sale?.DecisionMs.Count} decided)"));
        o.WriteLine(I($"     held {sale?.Held}, rejected {sale?.Rejected}, double bookings {sale?.DoubleBookings}, stuck {sale?.Stuck}, 5xx or no answer {sale?.ServerErrors}, other endings {sale?.Other}; CPU per request: {sale?.Cpu?.Per(sale.Requests) ?? "n/a"}"));
        o.WriteLine(I($"Throughput: {N(f.Throughput?.LifecyclesPerSecond, "F2")} lifecycles/s at 32 in flight ({f.Throughput?.Completed} in the run, {f.Throughput?.Started} started); CPU per lifecycle: {f.Throughput?.Cpu?.Per(f.Throughput.Completed) ?? "n/a"}"));
        o.WriteLine(I($"List page: reservations(apartmentId, first: 10) p50 {N(f.ListPage?.FewMs)} ms with {f.ListPage?.Few} reservations, {N(f.ListPage?.ManyMs)} ms with {f.ListPage?.Many}: ratio {N(f.ListPage?.Ratio, "F2")}"));

        o.WriteLine();
        o.WriteLine("goal                                                   figure    met");
        foreach (var (goal, figure, met) in GoalRows(f))
        {
            o.WriteLine(I($"{goal,-54} {figure,-9} {(met is null ? "-" : met.Value ? "yes" : "no")}"));
        }

        o.WriteLine(I($"Lost: {f.Lost}; run {f.Seconds:F0} s; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
    }

    /// <summary>Each goal, its figure and whether it is met (null when the figure is missing).</summary>
    public static IEnumerable<(string Goal, string Figure, bool? Met)> GoalRows(Figures f)
    {
        (string, string, bool?) Row(string goal, double value, string format, Func<double, bool> met) =>
            (goal, N(value, format), double.IsFinite(value) ? met(value) : null);
        var host = f.Host == HostKind.FunctionsHost ? "" : " (stand-in: the goal is for the Functions host)";
        yield return Row(I($"hold decision p50 <= {Goals.DecisionRatioP50}x floor{host}"), f.DecisionRatio(0.5), "F1", v => v <= Goals.DecisionRatioP50);
        yield return Row(I($"hold decision p99 <= {Goals.DecisionRatioP99}x floor{host}"), f.DecisionRatio(0.99), "F1", v => v <= Goals.DecisionRatioP99);
        yield return Row(I($"storage per expiry ours / peer <= {Goals.StorageRatioExpiredOverlapping}, {f.InFlight} in flight"), f.StorageRatioOverlapping(Ending.Expired), "F2", v => v <= Goals.StorageRatioExpiredOverlapping);
        yield return Row(I($"cost per expiry Azure / AWS <= {Goals.CostRatioExpired}"), f.CostRatio(Ending.Expired), "F3", v => v <= Goals.CostRatioExpired);
        yield return Row(I($"API ratio >= {Goals.ApiRatio}"), f.ApiRatio, "F2", v => v >= Goals.ApiRatio);
        yield return Row(I($"window lateness p99 <= {Goals.TimerLatenessP99Ms} ms"), f.LatenessP(0.99), "F0", v => v <= Goals.TimerLatenessP99Ms);
        yield return Row(I($"list page ratio <= {Goals.ListPageRatio}"), f.ListPage?.Ratio ?? double.NaN, "F2", v => v <= Goals.ListPageRatio);
        yield return Row("flash sale: 0 double bookings", f.FlashSale?.DoubleBookings ?? double.NaN, "F0", v => v == 0);
        yield return Row("flash sale: 0 stuck", f.FlashSale?.Stuck ?? double.NaN, "F0", v => v == 0);
        yield return Row("flash sale: 0 5xx", f.FlashSale?.ServerErrors ?? double.NaN, "F0", v => v == 0);
    }

    private static void CountTable(TextWriter o, string how, Dictionary<Ending, EndingCost> ours, Dictionary<Ending, EndingCost> peer, RequestCounts ourIdle, RequestCounts peerIdle)
    {
        o.WriteLine();
        o.WriteLine(I($"Requests per reservation, {how}, less the idle rate (ours {StorageOf(ourIdle):F1}/s, peer {StorageOf(peerIdle):F1}/s idle):"));
        o.WriteLine("ending      ours  (queue table  blob)   peer  ours/peer | DynamoDB ours  peer | episodes act timers | executions  n");
        foreach (var e in Endings)
        {
            var c = ours.GetValueOrDefault(e);
            var p = peer.GetValueOrDefault(e);
            var ratio = Stats.Ratio(c?.Storage ?? double.NaN, p?.Storage ?? double.NaN);
            o.WriteLine(I($"{e,-10} {N(c?.Storage),5} ({N(c?.PerReservation.Service(RequestKinds.Queue)),5} {N(c?.PerReservation.Service(RequestKinds.Table)),5} {N(c?.PerReservation.Service(RequestKinds.Blob)),5}) {N(p?.Storage),6} {N(ratio, "F2"),9} | {N(c?.DynamoDb, "F2"),13} {N(p?.DynamoDb, "F2"),5} | ")
                + I($"{N(c?.History.Episodes),4}/{N(p?.History.Episodes)} {N(c?.History.Activities),3} {N(c?.History.Timers),3}/{N(p?.History.Timers)} | {N(c?.FunctionExecutions),10} {c?.Reservations,2}"));
        }
    }

    private static double StorageOf(RequestCounts counts) => RequestKinds.StorageServices.Sum(counts.Service);

    private static JsonValue? Number(double value, int digits) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, digits)) : null;

    private static string N(double? value, string format = "F1") => value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Terms(IReadOnlyList<(string Term, double Usd)> terms) =>
        string.Join(" + ", terms.Select(t => I($"{t.Term} {t.Usd:F2}")));

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
