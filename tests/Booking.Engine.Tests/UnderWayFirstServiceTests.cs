using Booking.Core.Reservations;
using Booking.Engine.Hosting;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask;
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

        var order = await HandedOutAsync(service, 3);

        Assert.Equal(["timer-fired", "new-1", "new-2"], order);
        await service.StopAsync();
    }

    [Fact]
    public async Task New_orchestrations_run_earliest_start_by_first_and_one_without_the_tag_is_due_when_it_was_created()
    {
        var now = DateTime.UtcNow;
        var (_, service) = await StartedAsync(
            maxNewInFlight: 8,
            New("holds-in-a-minute", startBy: now.AddMinutes(1)),
            New("holds-in-ten-seconds", startBy: now.AddSeconds(10)),
            New("holds-now"));
        using var disposing = service;

        var order = await HandedOutAsync(service, 3);

        Assert.Equal(["holds-now", "holds-in-ten-seconds", "holds-in-a-minute"], order);
        await service.StopAsync();
    }

    [Fact]
    public void The_start_by_tag_a_client_writes_is_the_moment_the_engine_reads()
    {
        var holdFrom = new DateTimeOffset(2026, 12, 1, 9, 30, 15, 250, TimeSpan.FromHours(1));
        var options = StartBy.Tagged(new StartOrchestrationOptions("r-1"), holdFrom);
        var started = new ExecutionStartedEvent(-1, "{}") { Tags = options.Tags.ToDictionary() };

        Assert.Equal("r-1", options.InstanceId);
        Assert.Equal(holdFrom.UtcDateTime, UnderWayFirstService.DueBy(started));
        Assert.Equal(DateTimeKind.Utc, UnderWayFirstService.DueBy(started).Kind);
        Assert.Same(options, StartBy.Tagged(options, null));
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
    public async Task A_new_orchestration_frees_its_place_once_its_first_episode_is_written_though_its_session_goes_on()
    {
        var (_, service) = await StartedAsync(maxNewInFlight: 1, New("new-1"), New("new-2"));
        using var disposing = service;

        var first = await service.LockNextTaskOrchestrationWorkItemAsync(Patience, CancellationToken.None);
        await service.CompleteTaskOrchestrationWorkItemAsync(first, first.OrchestrationRuntimeState, [], [], [], null!, null!);
        var afterFirstEpisode = await service.LockNextTaskOrchestrationWorkItemAsync(Patience, CancellationToken.None);

        // An extended session keeps "new-1" locked (not released) while it waits for its next messages.
        Assert.Equal("new-1", first.InstanceId);
        Assert.Equal("new-2", afterFirstEpisode?.InstanceId);
        await service.StopAsync();
    }

    [Fact]
    public async Task A_buffered_work_item_is_renewed_before_its_lock_lapses()
    {
        var lifetime = TimeSpan.FromMilliseconds(600);
        var provider = new FakeOrchestrationService(lifetime);
        using var service = new UnderWayFirstService(provider, maxNewInFlight: 1, lifetime, NullLogger.Instance);
        // Created after the one that runs, so it is due later and waits.
        var running = New("running");
        var held = New("held-back");
        held.LockedUntilUtc = DateTime.UtcNow + lifetime;
        provider.Add(running);
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

    private static TaskOrchestrationWorkItem New(string id, DateTime? startBy = null) => new()
    {
        InstanceId = id,
        LockedUntilUtc = DateTime.UtcNow + LockLifetime,
        NewMessages =
        [
            Message(id, new ExecutionStartedEvent(-1, "{}")
            {
                Name = "Test",
                OrchestrationInstance = new OrchestrationInstance { InstanceId = id },
                Tags = StartBy.Tagged(new StartOrchestrationOptions(id), startBy).Tags.ToDictionary(),
            }),
        ],
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

    /// <summary>The instance ids of the next <paramref name="count"/> work items the service hands out.</summary>
    private static async Task<List<string>> HandedOutAsync(UnderWayFirstService service, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await service.LockNextTaskOrchestrationWorkItemAsync(Patience, CancellationToken.None)).InstanceId);
        }

        return ids;
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
