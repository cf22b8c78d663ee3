using System.Collections.Concurrent;
using System.Diagnostics;
using Booking.Core.Apartments;
using Booking.Core.Records;
using Booking.Core.Reservations;

namespace Booking.Bench;

/// <summary>
/// A flash sale: many more reserveApartment calls than vacant apartments, from many clients at once, each request for
/// one of the apartments in a shuffled order so requests for one apartment overlap. A request's decision time runs
/// from sending it until its answer says PENDING_PAYMENT or REJECTED; when the call answered REQUESTED (the hold not
/// decided within the API's wait), until its record, read straight from dynalite, moved on. Afterwards the table and
/// the records are checked: one hold per apartment, every other request REJECTED, none left REQUESTED.
/// </summary>
internal sealed class FlashSale(BenchStack stack, ReservationApi api, int clients)
{
    private const string Prefix = "flash-";

    /// <summary>Longer than the sale and its checks: a hold must still be a hold when it is counted.</summary>
    private const int WindowSeconds = 600;

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a request left REQUESTED is followed before it counts as stuck.</summary>
    private static readonly TimeSpan DecisionBound = TimeSpan.FromSeconds(60);

    public int Requests { get; private set; }

    public int Apartments { get; private set; }

    public int Clients => clients;

    public double DecisionsPerSecond { get; private set; } = double.NaN;

    public List<double> DecisionMs { get; } = [];

    /// <summary>Apartments held by a reservation whose record says PENDING_PAYMENT.</summary>
    public int? Held { get; private set; }

    public int? Rejected { get; private set; }

    /// <summary>Reservations told or recorded PENDING_PAYMENT beyond the apartments actually held for them.</summary>
    public int? DoubleBookings { get; private set; }

    /// <summary>Requests whose record is missing or still REQUESTED at the end.</summary>
    public int? Stuck { get; private set; }

    /// <summary>Answers with a status of 500 or more, or no answer at all.</summary>
    public int? ServerErrors { get; private set; }

    /// <summary>Requests that ended otherwise (FAILED, or any other final status).</summary>
    public int? Other { get; private set; }

    public CpuSample? Cpu { get; private set; }

    public async Task RunAsync(int requests, int apartments, CancellationToken cancellationToken)
    {
        var apartmentIds = Enumerable.Range(0, apartments).Select(i => $"a-{Prefix}{i:D4}").ToList();
        await Task.WhenAll(apartmentIds.Select(a => stack.Store.AddAsync(a, cancellationToken)));
        var random = new Random(20_000);
        var plan = Enumerable.Range(0, requests).Select(i => (Id: $"{Prefix}{i:D5}", Apartment: apartmentIds[i % apartments])).ToArray();
        random.Shuffle(plan);

        var decided = new ConcurrentBag<(double Ms, double At)>();
        var serverErrors = 0;
        var heldAnswers = 0;
        var next = -1;
        var cpuBefore = stack.Cpu();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < plan.Length; i = Interlocked.Increment(ref next))
            {
                var (id, apartment) = plan[i];
                var sent = clock.Elapsed;
                ReserveAnswer? answer = null;
                try
                {
                    answer = await api.ReserveAsync(apartment, id, WindowSeconds, cancellationToken);
                }
                catch (HttpRequestException)
                {
                }

                if (answer is null || answer.HttpStatus >= 500)
                {
                    Interlocked.Increment(ref serverErrors);
                }

                if (answer is { Held: true })
                {
                    Interlocked.Increment(ref heldAnswers);
                }

                if (answer is { Held: true } or { Rejected: true } || await DecidedLaterAsync(id, clock, sent, cancellationToken))
                {
                    decided.Add(((clock.Elapsed - sent).TotalMilliseconds, clock.Elapsed.TotalSeconds));
                }
            }
        }));
        Cpu = stack.Cpu() - cpuBefore;
        (Requests, Apartments) = (requests, apartments);
        DecisionMs.AddRange(decided.Select(d => d.Ms));
        DecisionsPerSecond = decided.IsEmpty ? double.NaN : decided.Count / decided.Max(d => d.At);
        ServerErrors = serverErrors;
        await CheckAsync(plan.Select(p => p.Id).ToList(), apartmentIds, heldAnswers, cancellationToken);
    }

    /// <summary>Follows a request the call left undecided until its record moves on; false when it never does.</summary>
    private async Task<bool> DecidedLaterAsync(string id, Stopwatch clock, TimeSpan sent, CancellationToken cancellationToken)
    {
        while (clock.Elapsed - sent < DecisionBound)
        {
            if (await stack.Records.GetAsync(id, cancellationToken) is { Status: not ReservationStatus.Requested })
            {
                return true;
            }

            await Task.Delay(Poll, cancellationToken);
        }

        return false;
    }

    private async Task CheckAsync(List<string> ids, List<string> apartmentIds, int heldAnswers, CancellationToken cancellationToken)
    {
        var records = new ConcurrentDictionary<string, ReservationRecord?>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (id, token) =>
            records[id] = await stack.Records.GetAsync(id, token));
        var holders = new ConcurrentDictionary<string, string?>();
        await Parallel.ForEachAsync(apartmentIds, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (id, token) =>
            holders[id] = await stack.Store.GetAsync(id, token) is { Status: ApartmentStatus.Reserved, ReservationId: { } holder } ? holder : null);

        var pending = records.Values.OfType<ReservationRecord>().Where(r => r.Status == ReservationStatus.PendingPayment).ToList();
        Held = holders.Count(h => h.Value is { } holder && pending.Any(r => r.Id == holder && r.ApartmentId == h.Key));
        DoubleBookings = Math.Max(pending.Count, heldAnswers) - Held;
        Rejected = records.Values.Count(r => r?.Status == ReservationStatus.Rejected);
        Stuck = records.Values.Count(r => r is null || r.Status == ReservationStatus.Requested);
        Other = records.Values.Count(r => r is { Status: not (ReservationStatus.Requested or ReservationStatus.PendingPayment or ReservationStatus.Rejected) });
    }
}
