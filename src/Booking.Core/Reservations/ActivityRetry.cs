using Booking.Core.Validation;
using Microsoft.DurableTask;

namespace Booking.Core.Reservations;

/// <summary>
/// Transient store faults (throttling, 5xx, a store that is down) are retried with backoff for about a minute; bad
/// input is not, and refusals are results rather than faults, so they never reach this policy.
/// </summary>
internal static class ActivityRetry
{
    public static TaskOptions Policy { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 8,
        firstRetryInterval: TimeSpan.FromMilliseconds(500),
        backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromSeconds(15))
    {
        HandleFailure = failure => !IsCausedBy<InputValidationException>(failure) && !IsCausedBy<ArgumentException>(failure),
    });

    /// <summary>
    /// <see cref="TaskFailureDetails.IsCausedBy{T}"/> resolves the failure's type by name among the loaded assemblies
    /// and throws when that name is ambiguous, as <c>System.Net.Http.HttpRequestException</c> (a store that is down)
    /// is in the hosts; DurableTask.Core then treats the throwing handler as "do not retry". A type it cannot tell
    /// apart is not bad input, so it is retried.
    /// </summary>
    private static bool IsCausedBy<T>(TaskFailureDetails failure)
        where T : Exception
    {
        try
        {
            return failure.IsCausedBy<T>();
        }
        catch (System.Reflection.AmbiguousMatchException)
        {
            return false;
        }
    }
}
