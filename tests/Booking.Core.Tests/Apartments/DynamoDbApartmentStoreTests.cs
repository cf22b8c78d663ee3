using Booking.Core.Apartments;
using Booking.Core.Validation;
using Booking.Testing;

namespace Booking.Core.Tests.Apartments;

/// <summary>The store against a real dynalite; each test gets its own table.</summary>
public sealed class DynamoDbApartmentStoreTests(DynaliteProcess dynalite) : IClassFixture<DynaliteProcess>
{
    private static readonly DateTimeOffset Until = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public async Task EnsureTable_is_idempotent_and_leaves_an_active_empty_table()
    {
        var store = await dynalite.CreateStoreAsync();

        await store.EnsureTableAsync();
        var page = await store.ListAsync(10);

        Assert.Empty(page.Items);
        Assert.Null(page.NextPageToken);
    }

    [Fact]
    public async Task Add_creates_a_vacant_apartment_and_refuses_an_existing_id()
    {
        var store = await dynalite.CreateStoreAsync();

        var first = await store.AddAsync("a1");
        await store.ReserveAsync("a1", "r1", Until);
        var second = await store.AddAsync("a1");

        Assert.True(first);
        Assert.False(second);
        var stored = await store.GetAsync("a1");
        Assert.Equal(ApartmentStatus.Reserved, stored!.Status);
        Assert.Equal("r1", stored.ReservationId);
    }

    [Fact]
    public async Task Get_returns_null_for_an_unknown_apartment()
    {
        var store = await dynalite.CreateStoreAsync();

        Assert.Null(await store.GetAsync("nope"));
    }

    [Fact]
    public async Task List_pages_through_every_apartment()
    {
        var store = await dynalite.CreateStoreAsync();
        var ids = Enumerable.Range(0, 7).Select(i => $"apt-{i}").ToHashSet();
        foreach (var id in ids)
        {
            await store.AddAsync(id);
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await store.ListAsync(3, token);
            seen.AddRange(page.Items.Select(a => a.Id));
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(ids, seen.ToHashSet());
        Assert.Equal(ids.Count, seen.Count);
        Assert.True(pages >= 3, $"expected at least 3 pages of 3, got {pages}");
    }

    [Fact]
    public async Task Reserve_marks_a_vacant_apartment_reserved_for_the_reservation_until_the_deadline()
    {
        var store = await dynalite.CreateStoreAsync();
        await store.AddAsync("a1");

        var result = await store.ReserveAsync("a1", "r1", Until);

        Assert.Equal(TransitionOutcome.Applied, result.Outcome);
        var stored = await store.GetAsync("a1");
        Assert.Equal(new Apartment("a1", ApartmentStatus.Reserved, "r1", Until), stored! with { UpdatedAt = null });
    }

    [Fact]
    public async Task Reserve_again_by_the_same_reservation_is_idempotent()
    {
        var store = await dynalite.CreateStoreAsync();
        await store.AddAsync("a1");
        await store.ReserveAsync("a1", "r1", Until);

        var again = await store.ReserveAsync("a1", "r1", Until);

        Assert.Equal(TransitionOutcome.Applied, again.Outcome);
        Assert.Equal("r1", (await store.GetAsync("a1"))!.ReservationId);
    }

    [Fact]
    public async Task Reserve_of_a_held_apartment_by_another_reservation_is_refused_as_not_vacant_and_changes_nothing()
    {
        var store = await dynalite.CreateStoreAsync();
        await store.AddAsync("a1");
        await store.ReserveAsync("a1", "r1", Until);

        var result = await store.ReserveAsync("a1", "r2", Until.AddHours(1));

        Assert.Equal(TransitionOutcome.NotVacant, result.Outcome);
        Assert.Equal("r1", result.Apartment!.ReservationId);
        Assert.Equal(Until, (await store.GetAsync("a1"))!.ReservedUntil);
    }

    [Fact]
    public async Task Reserve_of_a_paid_apartment_is_refused_as_not_vacant()
    {
        var store = await dynalite.CreateStoreAsync();
        await store.AddAsync("a1");
        await store.ReserveAsync("a1", "r1", Until);
        await store.ConfirmPaymentAsync("a1", "r1");

        var result = await store.ReserveAsync("a1", "r1", Until);

        Assert.Equal(TransitionOutcome.NotVacant, result.Outcome);
        Assert.Equal(ApartmentStatus.Paid, (await store.GetAsync("a1"))!.Status);
    }

    [Fact]
    public async Task Reserve_of_a_missing_apartment_is_not_found_and_creates_nothing()
    {
        var store = await dynalite.CreateStoreAsync();

        var result = await store.ReserveAsync("ghost", "r1", Until);

        Assert.Equal(TransitionOutcome.NotFound, result.Outcome);
        Assert.Null(await store.GetAsync("ghost"));
    }

    [Fact]
    public async Task Confirm_payment_by_the_holder_marks_the_apartment_paid_and_is_idempotent()
    {
        var store = await dynalite.CreateStoreAsync();
        await store.AddAsync("a1");
        await store.ReserveAsync("a1", "r1", Until);

        var first = await store.ConfirmPaymentAsync("a1", "r1");
        var again = await store.ConfirmPaymentAsync("a1", "r1");

        Assert.Equal(TransitionOutcome.Applied, first.Outcome);
        Assert.Equal(TransitionOutcome.Applied, again.Outcome);
        var stored = await store.GetAsync("a1");
        Assert.Equal(ApartmentStatus.Paid, stored!.Status);
        Assert.Equal("r1", stored.ReservationId);
    }

    [Fact]
    public async Task Confirm_payment_by_another_reservation_is_refused_as_not_holder()
    {
        var store = await dynalite.CreateStoreAsync();
        await store.AddAsync("a1");
        await store.ReserveAsync("a1", "r1", Until);

        var result = await store.ConfirmPaymentAsync("a1", "r2");

        Assert.Equal(TransitionOutcome.NotHolder, result.Outcome);
        Assert.Equal(ApartmentStatus.Reserved, (await store.GetAsync("a1"))!.Status);
    }

    [Fact]
    public async Task Confirm_payment_of_a_vacant_apartment_is_refused_as_not_holder()
    {
        var store = await dynalite.CreateStoreAsync();
        await store.AddAsync("a1");

        var result = await store.ConfirmPaymentAsync("a1", "r1");

        Assert.Equal(TransitionOutcome.NotHolder, result.Outcome);
        Assert.Equal(ApartmentStatus.Vacant, (await store.GetAsync("a1"))!.Status);
    }

    [Fact]
    public async Task Confirm_payment_of_a_missing_apartment_is_not_found()
    {
        var store = await dynalite.CreateStoreAsync();

        Assert.Equal(TransitionOutcome.NotFound, (await store.ConfirmPaymentAsync("ghost", "r1")).Outcome);
        Assert.Null(await store.GetAsync("ghost"));
    }

    [Fact]
    public async Task Release_by_the_holder_makes_the_apartment_vacant_and_forgets_the_reservation()
    {
        var store = await dynalite.CreateStoreAsync();
        await store.AddAsync("a1");
        await store.ReserveAsync("a1", "r1", Until);

        var result = await store.ReleaseAsync("a1", "r1");

        Assert.Equal(TransitionOutcome.Applied, result.Outcome);
        var stored = await store.GetAsync("a1");
        Assert.Equal(new Apartment("a1", ApartmentStatus.Vacant), stored! with { UpdatedAt = null });
    }

    [Fact]
    public async Task Release_by_another_reservation_is_refused_and_never_undoes_their_booking()
    {
        var store = await dynalite.CreateStoreAsync();
        await store.AddAsync("a1");
        await store.ReserveAsync("a1", "r1", Until);

        var result = await store.ReleaseAsync("a1", "r2");

        Assert.Equal(TransitionOutcome.NotHolder, result.Outcome);
        var stored = await store.GetAsync("a1");
        Assert.Equal(ApartmentStatus.Reserved, stored!.Status);
        Assert.Equal("r1", stored.ReservationId);
    }

    [Fact]
    public async Task Release_of_a_paid_apartment_is_refused_even_for_the_payer()
    {
        var store = await dynalite.CreateStoreAsync();
        await store.AddAsync("a1");
        await store.ReserveAsync("a1", "r1", Until);
        await store.ConfirmPaymentAsync("a1", "r1");

        var result = await store.ReleaseAsync("a1", "r1");

        Assert.Equal(TransitionOutcome.NotHolder, result.Outcome);
        Assert.Equal(ApartmentStatus.Paid, (await store.GetAsync("a1"))!.Status);
    }

    [Fact]
    public async Task Release_of_a_missing_apartment_is_not_found()
    {
        var store = await dynalite.CreateStoreAsync();

        Assert.Equal(TransitionOutcome.NotFound, (await store.ReleaseAsync("ghost", "r1")).Outcome);
    }

    [Fact]
    public async Task Twenty_parallel_reserves_of_one_apartment_let_exactly_one_win_and_the_item_names_it()
    {
        var store = await dynalite.CreateStoreAsync();
        await store.AddAsync("contested");
        var contenders = Enumerable.Range(0, 20).Select(i => $"r{i}").ToList();

        var results = await Task.WhenAll(contenders.Select(rid => store.ReserveAsync("contested", rid, Until)));

        var winners = contenders.Where((_, i) => results[i].Applied).ToList();
        var winner = Assert.Single(winners);
        Assert.All(results.Where(r => !r.Applied), r => Assert.Equal(TransitionOutcome.NotVacant, r.Outcome));
        Assert.Equal(winner, (await store.GetAsync("contested"))!.ReservationId);
    }

    [Fact]
    public async Task Release_of_an_expired_hold_applies_only_past_the_cutoff_and_only_for_the_holder()
    {
        var store = await dynalite.CreateStoreAsync();
        await store.AddAsync("a1");
        await store.ReserveAsync("a1", "r1", Until);

        var tooEarly = await store.ReleaseExpiredHoldAsync("a1", "r1", Until);
        var wrongHolder = await store.ReleaseExpiredHoldAsync("a1", "r2", Until.AddSeconds(1));
        var released = await store.ReleaseExpiredHoldAsync("a1", "r1", Until.AddSeconds(1));

        Assert.Equal(TransitionOutcome.NotHolder, tooEarly.Outcome);
        Assert.Equal(TransitionOutcome.NotHolder, wrongHolder.Outcome);
        Assert.Equal(TransitionOutcome.Applied, released.Outcome);
        Assert.Equal(ApartmentStatus.Vacant, (await store.GetAsync("a1"))!.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad\u0001id")]
    public async Task Invalid_ids_are_refused_before_any_call_to_the_table(string badId)
    {
        var store = await dynalite.CreateStoreAsync();

        await Assert.ThrowsAsync<InputValidationException>(() => store.AddAsync(badId));
        await Assert.ThrowsAsync<InputValidationException>(() => store.ReserveAsync(badId, "r1", Until));
        await Assert.ThrowsAsync<InputValidationException>(() => store.ReserveAsync("a1", "r/1", Until));
        Assert.Empty((await store.ListAsync(10)).Items);
    }
}
