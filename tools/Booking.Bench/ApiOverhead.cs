using System.Diagnostics;

namespace Booking.Bench;

/// <summary>
/// The API's overhead on a read: <c>apartment(id)</c> over GraphQL through our host against the thinnest HTTP
/// endpoint doing the same consistent GetItem on the same dynalite (<see cref="ThinGetItemEndpoint"/>), at the same
/// concurrency and over the same HTTP client, alternating in rounds so both see the same machine. Both paths pass one
/// relay on the way to dynalite.
/// </summary>
internal sealed class ApiOverhead(BenchStack stack, ReservationApi api, HttpClient http, int concurrency)
{
    public double GraphQLPerSecond { get; private set; } = double.NaN;

    public double GetItemPerSecond { get; private set; } = double.NaN;

    /// <summary>CPU the GraphQL rounds and the raw rounds took, for where each path's time goes.</summary>
    public (CpuSample GraphQL, CpuSample GetItem)? Cpu { get; private set; }

    public long GraphQLCalls { get; private set; }

    public long GetItemCalls { get; private set; }

    public async Task RunAsync(IReadOnlyList<string> apartmentIds, TimeSpan round, int rounds, CancellationToken cancellationToken)
    {
        await using var thin = await ThinGetItemEndpoint.StartAsync(stack.Raw.DynamoDbServiceUrl, cancellationToken);
        Task<bool> GetItemAsync(string id, CancellationToken ct) => thin.GetAsync(http, id, ct);
        Task<bool> GraphQLAsync(string id, CancellationToken ct) => api.ApartmentAsync(id, ct);

        // Warm-up (JIT, connections), not counted.
        await CallsAsync(apartmentIds, GetItemAsync, round / 2, cancellationToken);
        await CallsAsync(apartmentIds, GraphQLAsync, round / 2, cancellationToken);

        long raw = 0, graphQL = 0;
        var rawCpu = CpuSample.Zero;
        var graphQLCpu = rawCpu;
        for (var i = 0; i < rounds; i++)
        {
            var before = stack.Cpu();
            raw += await CallsAsync(apartmentIds, GetItemAsync, round, cancellationToken);
            var between = stack.Cpu();
            graphQL += await CallsAsync(apartmentIds, GraphQLAsync, round, cancellationToken);
            rawCpu += between - before;
            graphQLCpu += stack.Cpu() - between;
        }

        (GetItemCalls, GraphQLCalls, Cpu) = (raw, graphQL, (graphQLCpu, rawCpu));
        GetItemPerSecond = raw / (round.TotalSeconds * rounds);
        GraphQLPerSecond = graphQL / (round.TotalSeconds * rounds);
    }

    /// <summary>Successful calls made in <paramref name="duration"/> with <see cref="concurrency"/> in flight.</summary>
    private async Task<long> CallsAsync(IReadOnlyList<string> ids, Func<string, CancellationToken, Task<bool>> call, TimeSpan duration, CancellationToken cancellationToken)
    {
        long done = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            for (var i = worker; clock.Elapsed < duration; i += concurrency)
            {
                if (await call(ids[i % ids.Count], cancellationToken))
                {
                    Interlocked.Increment(ref done);
                }
            }
        }));
        return done;
    }
}
