using NCrontab;

namespace Booking.LocalHost.Scheduling;

/// <summary>The local host's counterpart of a Function App timer trigger: runs the work at each occurrence of an
/// NCRONTAB schedule, and survives its failures.</summary>
public abstract class ScheduledService(CrontabSchedule schedule, TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>What the work is, for the log.</summary>
    protected abstract string What { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await Task.Delay(schedule.GetNextOccurrence(now) - now, clock, stoppingToken);
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // A store outage must not stop the host; the next occurrence tries again.
                logger.LogWarning(error, "{What} failed; retrying at the next occurrence", What);
            }
        }
    }
}
