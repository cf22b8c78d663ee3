using Booking.Core.Reservations;
using Booking.Engine.Client;
using Booking.Testing;
using Microsoft.DurableTask.Client;

namespace Booking.Engine.Tests;

/// <summary>What the API layer relies on from the engine's <see cref="DurableTaskClient"/>.</summary>
[Collection(EmulatorsCollection.Name)]
public sealed class EngineClientTests(Emulators emulators) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private EngineHost engine = null!;

    public async Task InitializeAsync() => engine = await EngineHost.StartAsync(emulators.Settings(Emulators.NewTaskHub(), Emulators.NewTable()));

    public async Task DisposeAsync() => await engine.DisposeAsync();

    [Fact]
    public async Task Scheduling_an_instance_id_that_exists_throws_instance_already_exists()
    {
        await engine.Store.AddAsync("a1");
        await engine.Client.StartAsync("r-dup", "a1", TimeSpan.FromMinutes(5));

        var error = await Assert.ThrowsAsync<InstanceAlreadyExistsException>(() => engine.Client.StartAsync("r-dup", "a1", TimeSpan.FromMinutes(5)));

        Assert.Equal("r-dup", error.InstanceId);
    }

    [Fact]
    public async Task Scheduling_the_id_of_a_finished_instance_is_refused_too()
    {
        await engine.Client.StartAsync("r-done", "missing", TimeSpan.FromSeconds(1));
        await engine.Client.OutcomeAsync("r-done", Patience);

        await Assert.ThrowsAsync<InstanceAlreadyExistsException>(() => engine.Client.StartAsync("r-done", "missing", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Get_instance_of_an_unknown_id_returns_null()
    {
        Assert.Null(await engine.Client.GetInstanceAsync("never-started", getInputsAndOutputs: true));
    }

    [Fact]
    public async Task Get_instance_returns_name_status_input_and_custom_status_and_hides_payloads_unless_asked()
    {
        await engine.Store.AddAsync("a2");
        await engine.Client.StartAsync("r-get", "a2", TimeSpan.FromMinutes(5));
        await engine.Client.PendingPaymentAsync("r-get", Patience);

        var full = await engine.Client.GetInstanceAsync("r-get", getInputsAndOutputs: true);
        var bare = await engine.Client.GetInstanceAsync("r-get", getInputsAndOutputs: false);

        Assert.NotNull(full);
        Assert.Equal(ReservationOrchestrator.Name, full.Name);
        Assert.Equal(OrchestrationRuntimeStatus.Running, full.RuntimeStatus);
        Assert.Equal(new ReservationRequest("r-get", "a2", TimeSpan.FromMinutes(5)), full.ReadInputAs<ReservationRequest>());
        Assert.Equal(ReservationStatus.PendingPayment, full.ReadCustomStatusAs<ReservationProgress>()!.Status);
        Assert.True(full.CreatedAt > DateTimeOffset.UtcNow.AddMinutes(-2) && full.CreatedAt <= full.LastUpdatedAt);
        Assert.NotNull(bare);
        Assert.Null(bare.SerializedInput);
        Assert.NotNull(bare.SerializedCustomStatus);
    }

    [Fact]
    public async Task Raising_an_event_on_an_unknown_id_throws_instance_not_found()
    {
        var error = await Assert.ThrowsAsync<InstanceNotFoundException>(
            () => engine.Client.RaiseEventAsync("nobody", ReservationEvents.PaymentConfirmed, new PaymentConfirmed(DateTimeOffset.UtcNow)));

        Assert.Equal("nobody", error.InstanceId);
    }

    [Fact]
    public async Task Terminate_ends_a_waiting_instance_as_terminated_with_the_given_output()
    {
        await engine.Store.AddAsync("a3");
        await engine.Client.StartAsync("r-term", "a3", TimeSpan.FromMinutes(5));
        await engine.Client.PendingPaymentAsync("r-term", Patience);

        await engine.Client.TerminateInstanceAsync("r-term", "stopped by test");
        using var cts = new CancellationTokenSource(Patience);
        var metadata = await engine.Client.WaitForInstanceCompletionAsync("r-term", getInputsAndOutputs: true, cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, metadata.RuntimeStatus);
        Assert.Equal("stopped by test", metadata.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Wait_for_start_returns_once_the_instance_runs()
    {
        await engine.Store.AddAsync("a4");
        await engine.Client.StartAsync("r-start", "a4", TimeSpan.FromMinutes(5));

        using var cts = new CancellationTokenSource(Patience);
        var metadata = await engine.Client.WaitForInstanceStartAsync("r-start", cancellation: cts.Token);

        Assert.NotEqual(OrchestrationRuntimeStatus.Pending, metadata.RuntimeStatus);
    }

    [Fact]
    public async Task Listing_pages_through_every_instance_with_a_prefix_and_filters_by_status()
    {
        var ids = Enumerable.Range(0, 5).Select(i => $"list-{i}").ToList();
        foreach (var id in ids)
        {
            await engine.Client.StartAsync(id, "missing-" + id, TimeSpan.FromSeconds(1));
        }

        foreach (var id in ids)
        {
            await engine.Client.OutcomeAsync(id, Patience);
        }

        var pages = 0;
        var seen = new List<string>();
        await foreach (var page in engine.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "list-", PageSize = 2 }).AsPages())
        {
            pages++;
            seen.AddRange(page.Values.Select(m => m.InstanceId));
        }

        var running = new List<string>();
        await foreach (var metadata in engine.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "list-", Statuses = [OrchestrationRuntimeStatus.Running] }))
        {
            running.Add(metadata.InstanceId);
        }

        Assert.Equal(ids.Order(), seen.Order());
        Assert.True(pages >= 3, $"expected at least 3 pages of 2, got {pages}");
        Assert.Empty(running);
    }

    [Fact]
    public async Task Purge_deletes_a_finished_instance()
    {
        await engine.Client.StartAsync("r-purge", "missing", TimeSpan.FromSeconds(1));
        await engine.Client.OutcomeAsync("r-purge", Patience);

        var result = await engine.Client.PurgeInstanceAsync("r-purge");

        Assert.Equal(1, result.PurgedInstanceCount);
        Assert.Null(await engine.Client.GetInstanceAsync("r-purge"));
    }
}
