using System.Text.Json;
using Booking.Core.Reservations;
using Microsoft.DurableTask.Client;

namespace Booking.Core.Records;

/// <summary>
/// Writes a record for every reservation workflow in the task hub that has none: for an installation whose
/// reservations were kept only in the task hub. A record that exists is never overwritten, so running it twice (or
/// while reservations are made) changes nothing the first run or the API wrote. It reads a bounded batch per call and
/// says where to go on.
/// </summary>
public sealed class ReservationRecordBackfill(IReservationStore records)
{
    public const int BatchSize = 500;

    private static readonly JsonSerializerOptions InputOptions = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Backfills one batch of instances, starting at <paramref name="continuationToken"/> (null: the first).</summary>
    public async Task<BackfillProgress> RunBatchAsync(DurableTaskClient client, string? continuationToken, CancellationToken cancellationToken = default)
    {
        var query = new OrchestrationQuery { PageSize = BatchSize, FetchInputsAndOutputs = true, ContinuationToken = continuationToken };
        var (examined, written) = (0, 0);
        await foreach (var page in client.GetAllInstancesAsync(query).AsPages(continuationToken, BatchSize).WithCancellation(cancellationToken))
        {
            foreach (var instance in page.Values.Where(i => i.Name == ReservationOrchestrator.Name))
            {
                examined++;
                if (RecordOf(instance) is { } record && await records.CreateAsync(record, cancellationToken))
                {
                    written++;
                }
            }

            return new BackfillProgress(examined, written, page.ContinuationToken);
        }

        return new BackfillProgress(examined, written, null);
    }

    /// <summary>The record an instance stands for: its outcome once ended, its progress while it runs.</summary>
    private static ReservationRecord? RecordOf(OrchestrationMetadata instance)
    {
        if (ParseInput(instance.SerializedInput) is not { } input)
        {
            return null;
        }

        var record = new ReservationRecord(
            instance.InstanceId,
            input.ApartmentId,
            ReservationStatus.Requested,
            instance.CreatedAt,
            instance.CreatedAt + input.PaymentWindow,
            TokenHash: input.TokenHash,
            Arn: input.Arn);
        if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed && instance.ReadOutputAs<ReservationOutcome>() is { } outcome)
        {
            return record with
            {
                Status = outcome.Status,
                ExpiresAt = outcome.ExpiresAt,
                ErrorCode = outcome.ErrorCode,
                ErrorMessage = outcome.ErrorMessage,
                EndedAt = outcome.CompletedAt,
            };
        }

        if (instance.IsCompleted)
        {
            return record with
            {
                Status = ReservationStatus.Failed,
                ErrorCode = ReservationErrorCode.WorkflowFailed,
                ErrorMessage = "The reservation workflow stopped before it reached an outcome.",
                EndedAt = instance.LastUpdatedAt,
            };
        }

        return instance.ReadCustomStatusAs<ReservationProgress>() is { Status: ReservationStatus.PendingPayment } progress
            ? record with { Status = ReservationStatus.PendingPayment, ExpiresAt = progress.ExpiresAt }
            : record;
    }

    /// <summary>The workflow's input, read loosely: inputs written before records existed also carried the token's
    /// hash and, for the seed's mutation, its ARN.</summary>
    private static BackfillInput? ParseInput(string? serialized)
    {
        try
        {
            return serialized is null ? null : JsonSerializer.Deserialize<BackfillInput>(serialized, InputOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record BackfillInput(string ReservationId, string ApartmentId, TimeSpan PaymentWindow, string? TokenHash, string? Arn);
}

/// <summary>How far a backfill got: reservations looked at, records written, and where the next batch starts (null:
/// done).</summary>
public sealed record BackfillProgress(int Examined, int Written, string? ContinuationToken);
