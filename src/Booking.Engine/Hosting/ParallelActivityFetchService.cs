using DurableTask.Core;

namespace Booking.Engine.Hosting;

/// <summary>
/// The Azure Storage provider as the worker sees it, with more activity fetch loops. The provider fixes its activity
/// dispatcher count at one, and its work-item queue hands out one message per storage request, so a process could
/// start activities only as fast as one request at a time returns: under load, activity messages waited 20–50 s in
/// the queue while the orchestrations were idle. DurableTask.Core runs one fetch loop per dispatcher, so reporting
/// more dispatchers fetches in parallel. Everything else is the provider's own behaviour.
/// </summary>
internal sealed class ParallelActivityFetchService(IOrchestrationService inner, int activityDispatchers) : OrchestrationServiceDecorator(inner)
{
    public override int TaskActivityDispatcherCount => activityDispatchers;
}
