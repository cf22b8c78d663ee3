using Booking.Core.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Booking.Core.Tests.Configuration;

public sealed class OptionsValidationTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(new DynamoDbOptionsValidator().Validate(null, new DynamoDbOptions()).Succeeded);
        Assert.True(new ReservationOptionsValidator().Validate(null, new ReservationOptions()).Succeeded);
    }

    [Theory]
    [InlineData("DynamoDb:TableName", "ab", "DynamoDb:TableName")]
    [InlineData("DynamoDb:Region", "Mars", "DynamoDb:Region")]
    [InlineData("DynamoDb:ServiceUrl", "localhost:8000", "DynamoDb:ServiceUrl")]
    [InlineData("Reservation:PaymentWindow", "00:00:00.5", "Reservation:PaymentWindow")]
    [InlineData("Reservation:MaxPaymentWindow", "00:00:00.5", "Reservation:MaxPaymentWindow")]
    [InlineData("Reservation:DefaultApartmentId", "", "Reservation:DefaultApartmentId")]
    [InlineData("Reservation:SweepSchedule", "00:01:00", "Reservation:SweepSchedule")]
    [InlineData("Reservation:SweepSchedule", "* * * * *", "Reservation:SweepSchedule")]
    public async Task An_invalid_setting_fails_start_up_with_a_message_naming_it(string key, string value, string named)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
        builder.Services.AddBookingCore(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 * * * * *", 60)]
    [InlineData("*/5 * * * * *", 5)]
    public void The_sweep_schedule_reads_as_the_functions_timer_reads_it_with_a_seconds_field(string schedule, int secondsApart)
    {
        var parsed = new ReservationOptions { SweepSchedule = schedule }.ParseSweepSchedule();

        var first = parsed!.GetNextOccurrence(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(TimeSpan.FromSeconds(secondsApart), parsed.GetNextOccurrence(first) - first);
    }

    [Fact]
    public void A_requested_window_outside_the_bounds_is_refused_naming_the_bounds()
    {
        var options = new ReservationOptions { MinPaymentWindow = TimeSpan.FromSeconds(2), MaxPaymentWindow = TimeSpan.FromSeconds(60) };

        var error = Assert.Throws<Core.Validation.InputValidationException>(() => options.ResolvePaymentWindow(61));

        Assert.Equal("paymentWindowSeconds must be between 2 and 60; got 61.", error.Message);
        Assert.Equal(TimeSpan.FromSeconds(60), options.ResolvePaymentWindow(60));
        Assert.Equal(options.PaymentWindow, options.ResolvePaymentWindow(null));
    }
}
