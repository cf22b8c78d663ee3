using System.Diagnostics;
using Booking.Core.Apartments;
using Booking.Core.Reservations;
using Microsoft.DurableTask.Client;

namespace Booking.Bench;

/// <summary>
/// Whole lifecycles with <c>concurrency</c> in flight: each worker reserves its apartment with a short window, waits
/// until the release has made it vacant again (reading dynalite directly, from the deadline on), and starts the next.
/// The figure is lifecycles ended within the run's duration per second; afterwards every workflow it started must end
/// EXPIRED.
/// </summary>
internal sealed class Throughput(BenchStack stack, ReservationApi api, int concurrency, int windowSeconds)
{
    private const string Prefix = "thr-";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public double LifecyclesPerSecond { get; private set; } = double.NaN;

    public int Started { get; private set; }

    public int Wrong { get; private set; }

    public CpuSample? Cpu { get; private set; }

    public int Completed { get; private set; }

    public async Task RunAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        var workers = Enumerable.Range(0, concurrency).Select(w => $"a-{Prefix}w{w:D2}").ToList();
        await Task.WhenAll(workers.Select(a => stack.Store.AddAsync(a, cancellationToken)));
        var started = 0;
        var completed = 0;
        var cpuBefore = stack.Cpu();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(workers.Select(async (apartment, w) =>
        {
            for (var n = 0; clock.Elapsed < duration && !cancellationToken.IsCancellationRequested; n++)
            {
                var id = $"{Prefix}{w:D2}-{n:D4}";
                Interlocked.Increment(ref started);
                if (await LifecycleAsync(apartment, id, cancellationToken) && clock.Elapsed <= duration)
                {
                    Interlocked.Increment(ref completed);
                }
            }
        }));
        Cpu = stack.Cpu() - cpuBefore;
        Started = started;
        Completed = completed;
        LifecyclesPerSecond = completed / duration.TotalSeconds;
        Wrong = await CheckEndingsAsync(started, cancellationToken);
    }

    private async Task<bool> LifecycleAsync(string apartment, string id, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await api.ReserveAsync(apartment, id, windowSeconds, cancellationToken);
            if (answer is not { Held: true, ExpiresAt: { } deadline })
            {
                // Not decided within the API's wait: follow the workflow itself to its end.
                return await stack.OurHub.WaitForEndAsync(id, cancellationToken) is not null;
            }

            var untilDeadline = deadline - DateTimeOffset.UtcNow;
            if (untilDeadline > TimeSpan.Zero)
            {
                await Task.Delay(untilDeadline, cancellationToken);
            }

            while ((await stack.Store.GetAsync(apartment, cancellationToken)) is { Status: not ApartmentStatus.Vacant })
            {
                await Task.Delay(Poll, cancellationToken);
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Waits (bounded) for every started workflow to end; returns how many did not end EXPIRED.</summary>
    private async Task<int> CheckEndingsAsync(int started, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(30));
        var expired = 0;
        try
        {
            while (true)
            {
                expired = 0;
                var running = 0;
                var query = new OrchestrationQuery { InstanceIdPrefix = Prefix, FetchInputsAndOutputs = true, PageSize = 1000 };
                await foreach (var instance in stack.OurHub.Client.GetAllInstancesAsync(query).WithCancellation(bound.Token))
                {
                    if (!instance.IsCompleted)
                    {
                        running++;
                    }
                    else if (HubReader.OutputOf<ReservationOutcome>(instance)?.Status == ReservationStatus.Expired)
                    {
                        expired++;
                    }
                }

                if (running == 0)
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), bound.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }

        return started - expired;
    }
}
