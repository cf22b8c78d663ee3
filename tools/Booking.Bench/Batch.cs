using Booking.Core.Apartments;
using Booking.Core.Reservations;
using Microsoft.DurableTask.Client;

namespace Booking.Bench;

/// <summary>
/// One scenario's reservations, each on its own apartment: seeds the apartments, starts the reservations through the
/// API with bounded concurrency, then waits for the workflows to end and checks every reservation and apartment.
/// </summary>
internal sealed class Batch(BenchStack stack, ReservationApi api, string name, int count, int concurrency)
{
    private readonly List<string> ids = Enumerable.Range(0, count).Select(i => $"{name}-{i:D5}").ToList();

    public int Count => count;

    public IReadOnlyList<ReserveAnswer> Answers { get; private set; } = [];

    public Dictionary<string, ReservationOutcome> Outcomes { get; } = [];

    public Dictionary<string, Apartment> Apartments { get; } = [];

    public static string ApartmentOf(string reservationId) => "a-" + reservationId;

    public async Task SeedAsync(CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(
            ids,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (id, ct) => await stack.Store.AddAsync(ApartmentOf(id), ct));

    /// <summary>Starts every reservation with the window <paramref name="windowSeconds"/> gives (asked just before each
    /// call, so windows can aim at one shared deadline), <paramref name="concurrency"/> at a time.
    /// Out of time, it stops starting; the reservations never started count as lost.</summary>
    public async Task StartAsync(Func<int> windowSeconds, CancellationToken cancellationToken)
    {
        var answers = new ReserveAnswer?[ids.Count];
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, ids.Count),
                new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
                async (i, ct) => answers[i] = await api.ReserveAsync(ApartmentOf(ids[i]), ids[i], windowSeconds(), ct));
        }
        catch (OperationCanceledException)
        {
        }

        Answers = answers.OfType<ReserveAnswer>().ToList();
    }

    /// <summary>Waits until every workflow the batch started has ended (or the token fires), reading the task hub
    /// directly: those whose call was answered, and those a call cut off by its scenario's time slice started anyway.
    /// Reservations never started are not waited for (on a slow machine a slice ends before all of its calls).</summary>
    public async Task AwaitEndAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var running = 0;
                var query = new OrchestrationQuery { InstanceIdPrefix = name + "-", FetchInputsAndOutputs = true, PageSize = 1000 };
                await foreach (var instance in stack.Client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
                {
                    if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
                    {
                        running++;
                    }
                    else if (!Outcomes.ContainsKey(instance.InstanceId) && instance.ReadOutputAs<ReservationOutcome>() is { } outcome)
                    {
                        Outcomes[instance.InstanceId] = outcome;
                    }
                }

                if (running == 0 && Answers.All(a => Outcomes.ContainsKey(a.ReservationId)))
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Out of time: what has not ended by now counts as lost.
        }

        string? token = null;
        var mine = ids.Select(ApartmentOf).ToHashSet();
        do
        {
            var page = await stack.Store.ListAsync(1000, token, CancellationToken.None);
            foreach (var apartment in page.Items.Where(a => mine.Contains(a.Id)))
            {
                Apartments[apartment.Id] = apartment;
            }

            token = page.NextPageToken;
        }
        while (token is not null);
    }

    /// <summary>Reservations that ended EXPIRED with their apartment vacant.</summary>
    public int Clean => ids.Count(id =>
        Outcomes.TryGetValue(id, out var o) && o.Status == ReservationStatus.Expired
        && Apartments.TryGetValue(ApartmentOf(id), out var a) && a.Status == ApartmentStatus.Vacant);

    /// <summary>Reservations that did not end EXPIRED, plus apartments not left vacant. A reservation whose start the
    /// scenario cut short (out of time) is judged only if it started anyway; its apartment always is.</summary>
    public int Lost
    {
        get
        {
            var answered = Answers.Select(a => a.ReservationId).ToHashSet();
            return ids.Count(id => Outcomes.TryGetValue(id, out var o) ? o.Status != ReservationStatus.Expired : answered.Contains(id))
                + ids.Count(id => !Apartments.TryGetValue(ApartmentOf(id), out var a) || a.Status != ApartmentStatus.Vacant);
        }
    }

    /// <summary>Started reservations with no outcome yet: part of <see cref="Lost"/>, shown apart because running out
    /// of time is not the same failure as a wrong final state.</summary>
    public int Unfinished => Answers.Count(a => !Outcomes.ContainsKey(a.ReservationId));

    /// <summary>From each deadline to the moment the release wrote the apartment back to vacant, in milliseconds.</summary>
    public IEnumerable<double> LatenessMs() =>
        from outcome in Outcomes.Values
        where outcome.Status == ReservationStatus.Expired && outcome.ExpiresAt is not null
        let apartment = Apartments.GetValueOrDefault(ApartmentOf(outcome.ReservationId))
        where apartment?.UpdatedAt is not null
        select (apartment.UpdatedAt!.Value - outcome.ExpiresAt!.Value).TotalMilliseconds;

    public DateTimeOffset? LastCompletion => Outcomes.Count == 0 ? null : Outcomes.Values.Max(o => o.CompletedAt);
}
