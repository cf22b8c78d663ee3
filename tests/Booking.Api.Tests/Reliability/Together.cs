namespace Booking.Api.Tests.Reliability;

/// <summary>Runs calls concurrently, releasing them only once all are started, so they reach the server together.</summary>
internal static class Together
{
    public static async Task<T[]> RunAsync<T>(IEnumerable<Func<Task<T>>> calls)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = calls.Select(async call =>
        {
            await go.Task;
            return await call();
        }).ToList();
        go.SetResult();
        return await Task.WhenAll(started);
    }
}
