using Booking.Core.Records;
using Booking.Core.Reservations;
using Booking.Testing;

namespace Booking.Core.Tests.Records;

/// <summary>The reservation records against a real dynalite; each test gets its own tables.</summary>
public sealed class DynamoDbReservationStoreTests(DynaliteProcess dynalite) : IClassFixture<DynaliteProcess>
{
    private static readonly DateTimeOffset Created = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public async Task Create_claims_an_id_once_and_a_second_create_changes_nothing()
    {
        var records = await NewRecordsAsync();

        var first = await records.CreateAsync(Requested("r1", "a1", tokenHash: "hash-1"));
        var second = await records.CreateAsync(Requested("r1", "a2", tokenHash: "hash-2"));

        Assert.True(first);
        Assert.False(second);
        var stored = await records.GetAsync("r1");
        Assert.Equal(("a1", "hash-1", ReservationStatus.Requested), (stored!.ApartmentId, stored.TokenHash, stored.Status));
    }

    [Fact]
    public async Task A_hold_then_an_ending_move_the_status_forward_and_keep_what_the_record_was_created_with()
    {
        var records = await NewRecordsAsync();
        await records.CreateAsync(Requested("r1", "a1", tokenHash: "hash", arn: "arn:seed"));

        var held = await records.HoldAsync("r1", "a1", Created.AddMinutes(15));
        var ended = await records.EndAsync("r1", "a1", new ReservationDecision(ReservationStatus.Paid));

        Assert.Equal((ReservationStatus.PendingPayment, Created.AddMinutes(15)), (held.Status, held.ExpiresAt));
        Assert.Equal(ReservationStatus.Paid, ended.Status);
        Assert.Equal((Created, Created.AddMinutes(15), "hash", "arn:seed"), (ended.CreatedAt, ended.ExpiresAt, ended.TokenHash, ended.Arn));
        Assert.NotNull(ended.EndedAt);
    }

    [Fact]
    public async Task The_first_ending_stays_and_a_late_hold_or_ending_is_answered_with_it()
    {
        var records = await NewRecordsAsync();
        await records.CreateAsync(Requested("r1", "a1"));
        await records.EndAsync("r1", "a1", new ReservationDecision(ReservationStatus.Cancelled));

        var lateEnding = await records.EndAsync("r1", "a1", new ReservationDecision(ReservationStatus.Expired, ReservationErrorCode.HoldAlreadyGone, "late"));
        var lateHold = await records.HoldAsync("r1", "a1", Created.AddHours(1));

        Assert.Equal((ReservationStatus.Cancelled, (ReservationErrorCode?)null), (lateEnding.Status, lateEnding.ErrorCode));
        Assert.Equal(ReservationStatus.Cancelled, lateHold.Status);
        Assert.Equal(ReservationStatus.Cancelled, (await records.GetAsync("r1"))!.Status);
    }

    [Fact]
    public async Task A_step_of_a_workflow_that_has_no_record_yet_creates_one_that_lists()
    {
        var records = await NewRecordsAsync();

        var ended = await records.EndAsync("old", "a1", new ReservationDecision(ReservationStatus.Rejected, ReservationErrorCode.ApartmentNotVacant, "taken"));
        var listed = await records.ListAsync(new ReservationListQuery("a1", null, 10));

        Assert.Equal((ReservationStatus.Rejected, "taken"), (ended.Status, ended.ErrorMessage));
        Assert.Equal(["old"], listed.Items.Select(r => r.Id));
    }

    [Fact]
    public async Task Lists_page_newest_first_by_apartment_and_overall_with_no_record_twice()
    {
        var records = await NewRecordsAsync();
        for (var i = 0; i < 7; i++)
        {
            await records.CreateAsync(Requested($"r{i}", i % 2 == 0 ? "even" : "odd", createdAt: Created.AddSeconds(i)));
        }

        var evens = await ReadAllAsync(records, new ReservationListQuery("even", null, 3));
        var all = await ReadAllAsync(records, new ReservationListQuery(null, null, 2));

        Assert.Equal(["r6", "r4", "r2", "r0"], evens);
        Assert.Equal(["r6", "r5", "r4", "r3", "r2", "r1", "r0"], all);
    }

    [Fact]
    public async Task A_status_filter_keeps_only_that_status_and_pages_through_the_rest()
    {
        var records = await NewRecordsAsync();
        for (var i = 0; i < 6; i++)
        {
            await records.CreateAsync(Requested($"r{i}", "a1", createdAt: Created.AddSeconds(i)));
            if (i % 3 == 0)
            {
                await records.EndAsync($"r{i}", "a1", new ReservationDecision(ReservationStatus.Rejected));
            }
        }

        var rejected = await ReadAllAsync(records, new ReservationListQuery("a1", ReservationStatus.Rejected, 1));

        Assert.Equal(["r3", "r0"], rejected);
    }

    [Fact]
    public async Task Open_records_past_a_cutoff_are_listed_oldest_first_and_ended_ones_never()
    {
        var records = await NewRecordsAsync();
        await records.CreateAsync(Requested("late", "a1", expiresAt: Created.AddMinutes(2)));
        await records.CreateAsync(Requested("early", "a2", expiresAt: Created.AddMinutes(1)));
        await records.CreateAsync(Requested("future", "a3", expiresAt: Created.AddHours(1)));
        await records.CreateAsync(Requested("ended", "a4", expiresAt: Created));
        await records.EndAsync("ended", "a4", new ReservationDecision(ReservationStatus.Expired));

        var open = await records.ListOpenBeforeAsync(Created.AddMinutes(30), limit: 10);

        Assert.Equal(["early", "late"], open);
    }

    private static ReservationRecord Requested(string id, string apartmentId, DateTimeOffset? createdAt = null, DateTimeOffset? expiresAt = null, string? tokenHash = null, string? arn = null) =>
        new(id, apartmentId, ReservationStatus.Requested, createdAt ?? Created, expiresAt ?? (createdAt ?? Created).AddMinutes(15), TokenHash: tokenHash, Arn: arn);

    private static async Task<List<string>> ReadAllAsync(IReservationStore records, ReservationListQuery query)
    {
        var ids = new List<string>();
        var page = await records.ListAsync(query);
        ids.AddRange(page.Items.Select(r => r.Id));
        for (var pages = 1; page.Next is not null; pages++)
        {
            Assert.True(pages < 20, "the list never ended");
            page = await records.ListAsync(query with { After = page.Next });
            ids.AddRange(page.Items.Select(r => r.Id));
        }

        return ids;
    }

    private async Task<DynamoDbReservationStore> NewRecordsAsync()
    {
        var table = "t" + Guid.NewGuid().ToString("N");
        await dynalite.CreateStoreAsync(table);
        return dynalite.RecordsOf(table);
    }
}
