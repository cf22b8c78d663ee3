using System.Diagnostics;
using Booking.Core.Records;
using Booking.Core.Reservations;

namespace Booking.Bench;

/// <summary>
/// How long one page of <c>reservations(apartmentId, first: 10)</c> takes over GraphQL with few reservations in the
/// system and with many more (half of them the listed apartment's). The reservations are claimed with a record each,
/// as reserveApartment claims them, without running their workflows: a list reads only the records.
/// </summary>
internal sealed class ListPageTime(BenchStack stack, ReservationApi api)
{
    private const string Apartment = "list-apt";
    private const int PageSize = 10;

    public int Few { get; private set; }

    public int Many { get; private set; }

    public double FewMs { get; private set; } = double.NaN;

    public double ManyMs { get; private set; } = double.NaN;

    public double Ratio => Stats.Ratio(ManyMs, FewMs);

    public async Task RunAsync(int few, int many, int samples, CancellationToken cancellationToken)
    {
        await ClaimAsync(0, few, cancellationToken);
        FewMs = await MedianPageMsAsync(samples, cancellationToken);
        Few = few;
        await ClaimAsync(few, many, cancellationToken);
        ManyMs = await MedianPageMsAsync(samples, cancellationToken);
        Many = many;
    }

    private async Task ClaimAsync(int from, int to, CancellationToken cancellationToken)
    {
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        await Parallel.ForEachAsync(Enumerable.Range(from, to - from), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var apartmentId = i % 2 == 0 ? Apartment : $"list-other-{i % 50}";
            var createdAt = start.AddMilliseconds(i);
            await stack.Records.CreateAsync(new ReservationRecord($"list-{i:D6}", apartmentId, ReservationStatus.Expired, createdAt, createdAt.AddMinutes(15)), token);
        });
    }

    /// <summary>The median of <paramref name="samples"/> page reads, after one that is not counted.</summary>
    private async Task<double> MedianPageMsAsync(int samples, CancellationToken cancellationToken)
    {
        await api.ReservationsPageAsync(Apartment, PageSize, cancellationToken);
        var times = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            var clock = Stopwatch.StartNew();
            var items = await api.ReservationsPageAsync(Apartment, PageSize, cancellationToken);
            times.Add(clock.Elapsed.TotalMilliseconds);
            if (items != PageSize)
            {
                throw new InvalidOperationException($"A page of {Apartment}'s reservations had {items} items, not {PageSize}.");
            }
        }

        return Stats.Percentile(times, 0.5);
    }
}
