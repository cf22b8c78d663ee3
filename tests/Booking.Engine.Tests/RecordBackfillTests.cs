using Booking.Core.Reservations;
using Booking.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Booking.Engine.Tests;

/// <summary>The backfill writes a record for every reservation workflow that has none, from what the task hub holds,
/// and never overwrites one; run twice, the second run writes nothing.</summary>
[Collection(EmulatorsCollection.Name)]
public sealed class RecordBackfillTests(Emulators emulators) : IAsyncLifetime
{
    private EngineHost engine = null!;

    public async Task InitializeAsync() => engine = await EngineHost.StartAsync(emulators.Settings(Emulators.NewTaskHub(), Emulators.NewTable()));

    public async Task DisposeAsync() => await engine.DisposeAsync();

    [Fact]
    public async Task Workflows_without_records_get_one_each_from_their_input_and_outcome_and_a_second_run_writes_nothing()
    {
        // Inputs as they were before records existed: the token's hash and, from the seed's mutation, the ARN.
        var later = DateTimeOffset.UtcNow.AddDays(1);
        await engine.Client.ScheduleNewOrchestrationInstanceAsync(
            ReservationOrchestrator.Name,
            new { ReservationId = "old-1", ApartmentId = "a1", PaymentWindow = TimeSpan.FromMinutes(5), TokenHash = "hash-1" },
            new StartOrchestrationOptions("old-1", later));
        await engine.Client.ScheduleNewOrchestrationInstanceAsync(
            ReservationOrchestrator.Name,
            new { ReservationId = "old-seed", ApartmentId = "a2", PaymentWindow = TimeSpan.FromMinutes(5), Arn = "arn:seed" },
            new StartOrchestrationOptions("old-seed", later));
        await engine.Client.StartAsync("old-failed", "no-such-apartment", TimeSpan.FromSeconds(1));
        await engine.Client.OutcomeAsync("old-failed", TimeSpan.FromSeconds(60));
        await engine.DeleteRecordAsync("old-failed");
        await engine.Records.CreateAsync(new Booking.Core.Records.ReservationRecord("old-1-kept", "a9", ReservationStatus.Paid, DateTimeOffset.UtcNow));

        var first = await RunToEndAsync();
        var second = await RunToEndAsync();

        Assert.Equal((3, 3), (first.Examined, first.Written));
        Assert.Equal((3, 0), (second.Examined, second.Written));
        var pending = await engine.Records.GetAsync("old-1");
        Assert.Equal(("a1", ReservationStatus.Requested, "hash-1"), (pending!.ApartmentId, pending.Status, pending.TokenHash));
        Assert.Equal("arn:seed", (await engine.Records.GetAsync("old-seed"))!.Arn);
        var failed = await engine.Records.GetAsync("old-failed");
        Assert.Equal((ReservationStatus.Failed, ReservationErrorCode.ApartmentNotFound), (failed!.Status, failed.ErrorCode));
        Assert.Equal(ReservationStatus.Paid, (await engine.Records.GetAsync("old-1-kept"))!.Status);
    }

    private async Task<(int Examined, int Written)> RunToEndAsync()
    {
        var (examined, written) = (0, 0);
        string? continuationToken = null;
        do
        {
            var batch = await engine.Backfill.RunBatchAsync(engine.Client, continuationToken);
            (examined, written, continuationToken) = (examined + batch.Examined, written + batch.Written, batch.ContinuationToken);
        }
        while (continuationToken is not null);

        return (examined, written);
    }
}
