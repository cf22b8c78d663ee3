using Booking.Core.Records;
using Booking.Core.Reservations;

namespace Booking.Core.Tests.Reservations;

/// <summary>
/// The reservation records in memory, with the same rules as the DynamoDB store (an id claimed once, statuses only
/// forward, the first ending stays, a step of a workflow without a record creates one), for fast tests of the
/// workflow's logic. <see cref="Tests.Records.DynamoDbReservationStoreTests"/> holds the real store to the same rules.
/// </summary>
internal sealed class InMemoryReservationStore(TimeProvider clock) : IReservationStore
{
    private readonly Dictionary<string, ReservationRecord> records = new(StringComparer.Ordinal);

    public Task EnsureTableAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<bool> CreateAsync(ReservationRecord record, CancellationToken cancellationToken = default)
    {
        lock (records)
        {
            return Task.FromResult(records.TryAdd(record.Id, record));
        }
    }

    public Task<ReservationRecord?> GetAsync(string reservationId, CancellationToken cancellationToken = default)
    {
        lock (records)
        {
            return Task.FromResult(records.GetValueOrDefault(reservationId));
        }
    }

    public Task<ReservationRecord> HoldAsync(string reservationId, string apartmentId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        UpdateUnlessEnded(reservationId, apartmentId, r => r with { Status = ReservationStatus.PendingPayment, ExpiresAt = expiresAt });

    public Task<ReservationRecord> EndAsync(string reservationId, string apartmentId, ReservationDecision ending, CancellationToken cancellationToken = default) =>
        UpdateUnlessEnded(reservationId, apartmentId, r => r with
        {
            Status = ending.Status,
            ErrorCode = ending.ErrorCode,
            ErrorMessage = ending.ErrorCode is null ? null : ending.ErrorMessage,
            ExpiresAt = ending.Status is ReservationStatus.Rejected or ReservationStatus.Failed ? null : r.ExpiresAt,
            EndedAt = clock.GetUtcNow(),
        });

    public Task AddPaymentEventAsync(string reservationId, string eventId, CancellationToken cancellationToken = default)
    {
        lock (records)
        {
            if (records.GetValueOrDefault(reservationId) is { } record)
            {
                records[reservationId] = record with { PaymentEventIds = [.. record.PaymentEventIds ?? [], eventId] };
            }
        }

        return Task.CompletedTask;
    }

    public Task<ReservationRecordPage> ListAsync(ReservationListQuery query, CancellationToken cancellationToken = default)
    {
        lock (records)
        {
            var page = records.Values
                .Where(r => (query.ApartmentId is null || r.ApartmentId == query.ApartmentId) && (query.Status is null || r.Status == query.Status))
                .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal)
                .Where(r => query.After is not { } after || r.CreatedAt < after.CreatedAt || (r.CreatedAt == after.CreatedAt && string.CompareOrdinal(r.Id, after.Id) < 0))
                .Take(query.First + 1).ToList();
            return Task.FromResult(page.Count > query.First
                ? new ReservationRecordPage(page[..query.First], new ReservationListPosition(page[query.First - 1].Id, page[query.First - 1].CreatedAt))
                : new ReservationRecordPage(page, null));
        }
    }

    public Task<IReadOnlyList<string>> ListOpenBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken = default)
    {
        lock (records)
        {
            IReadOnlyList<string> open = [.. records.Values
                .Where(r => !r.IsFinal && (r.ExpiresAt ?? r.CreatedAt) < cutoff)
                .OrderBy(r => r.ExpiresAt ?? r.CreatedAt)
                .Take(limit)
                .Select(r => r.Id)];
            return Task.FromResult(open);
        }
    }

    private Task<ReservationRecord> UpdateUnlessEnded(string reservationId, string apartmentId, Func<ReservationRecord, ReservationRecord> change)
    {
        lock (records)
        {
            var record = records.GetValueOrDefault(reservationId)
                ?? new ReservationRecord(reservationId, apartmentId, ReservationStatus.Requested, clock.GetUtcNow());
            if (!record.IsFinal)
            {
                record = change(record with { ApartmentId = apartmentId });
                records[reservationId] = record;
            }

            return Task.FromResult(record);
        }
    }
}
