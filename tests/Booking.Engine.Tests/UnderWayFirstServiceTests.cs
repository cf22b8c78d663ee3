using Booking.Engine.Hosting;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging.Abstractions;

namespace Booking.Engine.Tests;

/// <summary>The dispatch order in front of the provider, on a hand-written provider.</summary>
public sealed class UnderWayFirstServiceTests
{
    private static readonly TimeSpan LockLifetime = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Episodes_of_orchestrations_under_way_go_before_new_ones_that_arrived_earlier()
    {
        var (_, service) = await StartedAsync(maxNewInFlight: 8, New("new-1"), New("new-2"), UnderWay("timer-fired"));
        using var disposing = service;

        var order = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            order.Add((await service.LockNextTaskOrchestrationWorkItemAsync(Patience, CancellationToken.None)).InstanceId);
        }

        Assert.Equal(["timer-fired", "new-1", "new-2"], order);
        await service.StopAsync();
    }

    [Fact]
    public async Task Only_the_allowed_number_of_new_orchestrations_run_at_once_and_the_next_starts_when_one_is_released()
    {
        var (_, service) = await StartedAsync(maxNewInFlight: 1, New("new-1"), New("new-2"));
        using var disposing = service;

        var first = await service.LockNextTaskOrchestrationWorkItemAsync(Patience, CancellationToken.None);
        var whileFirstRuns = await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromMilliseconds(300), CancellationToken.None);
        await service.ReleaseTaskOrchestrationWorkItemAsync(first);
        var afterRelease = await service.LockNextTaskOrchestrationWorkItemAsync(Patience, CancellationToken.None);

        Assert.Equal("new-1", first.InstanceId);
        Assert.Null(whileFirstRuns);
        Assert.Equal("new-2", afterRelease.InstanceId);
        await service.StopAsync();
    }

    [Fact]
    public async Task A_buffered_work_item_is_renewed_before_its_lock_lapses()
    {
        var lifetime = TimeSpan.FromMilliseconds(600);
        var provider = new FakeOrchestrationService(lifetime);
        using var service = new UnderWayFirstService(provider, maxNewInFlight: 1, lifetime, NullLogger.Instance);
        var held = New("held-back");
        held.LockedUntilUtc = DateTime.UtcNow + lifetime;
        provider.Add(New("running"));
        provider.Add(held);
        await service.StartAsync();
        await service.LockNextTaskOrchestrationWorkItemAsync(Patience, CancellationToken.None);

        var renewedBy = DateTime.UtcNow + Patience;
        while (!provider.Calls.Contains("renew held-back") && DateTime.UtcNow < renewedBy)
        {
            await Task.Delay(50);
        }

        Assert.Contains("renew held-back", provider.Calls);
        Assert.True(held.LockedUntilUtc > DateTime.UtcNow, "the renewed lock should reach into the future");
        await service.StopAsync();
    }

    [Fact]
    public async Task On_stop_buffered_work_items_go_back_to_the_provider_before_it_stops()
    {
        var (provider, service) = await StartedAsync(maxNewInFlight: 1, UnderWay("under-way"), New("new-1"));
        using var disposing = service;

        await service.StopAsync();

        Assert.Equal(["start", "abandon under-way", "release under-way", "abandon new-1", "release new-1", "stop"], provider.Calls);
    }

    [Fact]
    public void Only_a_batch_that_starts_an_instance_without_history_counts_as_new()
    {
        Assert.True(UnderWayFirstService.IsNew(New("a")));
        Assert.False(UnderWayFirstService.IsNew(UnderWay("b")));
    }

    private static TaskOrchestrationWorkItem New(string id) => new()
    {
        InstanceId = id,
        LockedUntilUtc = DateTime.UtcNow + LockLifetime,
        NewMessages = [Message(id, new ExecutionStartedEvent(-1, "{}") { Name = "Test", OrchestrationInstance = new OrchestrationInstance { InstanceId = id } })],
        OrchestrationRuntimeState = new OrchestrationRuntimeState(),
    };

    private static TaskOrchestrationWorkItem UnderWay(string id) => new()
    {
        InstanceId = id,
        LockedUntilUtc = DateTime.UtcNow + LockLifetime,
        NewMessages = [Message(id, new TimerFiredEvent(-1) { TimerId = 0, FireAt = DateTime.UtcNow })],
        OrchestrationRuntimeState = new OrchestrationRuntimeState(
        [
            new OrchestratorStartedEvent(-1),
            new ExecutionStartedEvent(-1, "{}") { Name = "Test", OrchestrationInstance = new OrchestrationInstance { InstanceId = id } },
            new TimerCreatedEvent(0) { FireAt = DateTime.UtcNow },
            new OrchestratorCompletedEvent(-1),
        ]),
    };

    private static TaskMessage Message(string id, HistoryEvent e) => new() { Event = e, OrchestrationInstance = new OrchestrationInstance { InstanceId = id } };

    /// <summary>A started service over a provider holding <paramref name="items"/>, once it has taken them all.</summary>
    private static async Task<(FakeOrchestrationService Provider, UnderWayFirstService Service)> StartedAsync(int maxNewInFlight, params TaskOrchestrationWorkItem[] items)
    {
        var provider = new FakeOrchestrationService(LockLifetime);
        var service = new UnderWayFirstService(provider, maxNewInFlight, LockLifetime, NullLogger.Instance);
        foreach (var item in items)
        {
            provider.Add(item);
        }

        await service.StartAsync();
        await BufferedAsync(service, items.Length);
        return (provider, service);
    }

    private static async Task BufferedAsync(UnderWayFirstService service, int count)
    {
        var until = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < until)
        {
            var (underWay, fresh, _) = service.Counts;
            if (underWay + fresh == count)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"The service never buffered {count} work items.");
    }
}
