using Booking.Core.Validation;

namespace Booking.Core.Tests.Validation;

public sealed class InputRulesTests
{
    [Theory]
    [InlineData("1234567")]
    [InlineData("apt with spaces & unicode ä")]
    [InlineData("a/b#c?d\\e")]
    public void Apartment_ids_that_follow_the_rules_are_accepted(string id) => Assert.Null(InputRules.CheckApartmentId(id));

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("   ", "blank")]
    [InlineData("tab\there", "control")]
    [InlineData("nul\0", "control")]
    public void Apartment_ids_that_break_a_rule_are_refused_with_the_reason(string? id, string reason) =>
        Assert.Contains(reason, InputRules.CheckApartmentId(id), StringComparison.Ordinal);

    [Fact]
    public void Ids_longer_than_128_characters_are_refused_and_128_is_accepted()
    {
        Assert.Null(InputRules.CheckReservationId(new string('x', 128)));
        Assert.Contains("at most 128", InputRules.CheckReservationId(new string('x', 129)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    public void Reservation_ids_may_not_hold_durable_instance_id_separators(string id) =>
        Assert.Contains("must not contain", InputRules.CheckReservationId(id), StringComparison.Ordinal);

    [Theory]
    [InlineData("@x@y")]
    [InlineData("@reservation")]
    public void Reservation_ids_may_not_start_with_the_durable_entity_prefix(string id) =>
        Assert.Contains("must not start with '@'", InputRules.CheckReservationId(id), StringComparison.Ordinal);

    [Fact]
    public void An_at_sign_inside_a_reservation_id_or_at_the_start_of_an_apartment_id_is_accepted()
    {
        Assert.Null(InputRules.CheckReservationId("guest@example.com"));
        Assert.Null(InputRules.CheckApartmentId("@home"));
    }

    [Fact]
    public void Require_names_the_field_in_the_exception()
    {
        var error = Assert.Throws<InputValidationException>(() => InputRules.RequireReservationId("a#b", "input.reservationId"));

        Assert.Equal("input.reservationId", error.Field);
        Assert.StartsWith("input.reservationId is invalid", error.Message, StringComparison.Ordinal);
    }
}
