using Microsoft.Extensions.Options;

namespace Booking.Core.Configuration;

/// <summary>Fails start-up with a message that names the offending setting.</summary>
public sealed class ReservationOptionsValidator : IValidateOptions<ReservationOptions>
{
    public ValidateOptionsResult Validate(string? name, ReservationOptions options)
    {
        var failures = new List<string>();
        const string section = ReservationOptions.SectionName;

        if (options.MinPaymentWindow < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{section}:{nameof(options.MinPaymentWindow)} must be at least 00:00:01; got {options.MinPaymentWindow}.");
        }

        if (options.MaxPaymentWindow < options.MinPaymentWindow)
        {
            failures.Add($"{section}:{nameof(options.MaxPaymentWindow)} ({options.MaxPaymentWindow}) must not be shorter than {section}:{nameof(options.MinPaymentWindow)} ({options.MinPaymentWindow}).");
        }

        if (options.PaymentWindow < options.MinPaymentWindow || options.PaymentWindow > options.MaxPaymentWindow)
        {
            failures.Add($"{section}:{nameof(options.PaymentWindow)} ({options.PaymentWindow}) must lie between {section}:{nameof(options.MinPaymentWindow)} and {section}:{nameof(options.MaxPaymentWindow)}.");
        }

        if (options.MaxClientPaymentWindow < options.MinPaymentWindow)
        {
            failures.Add($"{section}:{nameof(options.MaxClientPaymentWindow)} ({options.MaxClientPaymentWindow}) must not be shorter than {section}:{nameof(options.MinPaymentWindow)} ({options.MinPaymentWindow}).");
        }

        if (options.MaxActiveHoldsPerClient < 0)
        {
            failures.Add($"{section}:{nameof(options.MaxActiveHoldsPerClient)} must be 0 (off) or more; got {options.MaxActiveHoldsPerClient}.");
        }

        if (options.MaxReservationsPerClientPerMinute < 0)
        {
            failures.Add($"{section}:{nameof(options.MaxReservationsPerClientPerMinute)} must be 0 (off) or more; got {options.MaxReservationsPerClientPerMinute}.");
        }

        if (Validation.InputRules.CheckApartmentId(options.DefaultApartmentId) is { } idError)
        {
            failures.Add($"{section}:{nameof(options.DefaultApartmentId)} is not a valid apartment id: {idError}");
        }

        if (options.HoldDecisionTimeout <= TimeSpan.Zero || options.HoldDecisionTimeout > TimeSpan.FromSeconds(60))
        {
            failures.Add($"{section}:{nameof(options.HoldDecisionTimeout)} must be more than zero and at most 00:01:00; got {options.HoldDecisionTimeout}.");
        }

        if (options.SweepGracePeriod < TimeSpan.Zero)
        {
            failures.Add($"{section}:{nameof(options.SweepGracePeriod)} must not be negative; got {options.SweepGracePeriod}.");
        }

        if (options.ParseSweepSchedule() is null)
        {
            failures.Add(ScheduleFailure(nameof(options.SweepSchedule), options.SweepSchedule));
        }

        if (options.HistoryRetention < TimeSpan.Zero)
        {
            failures.Add($"{section}:{nameof(options.HistoryRetention)} must not be negative (zero keeps history forever); got {options.HistoryRetention}.");
        }

        if (options.ParseHistoryPurgeSchedule() is null)
        {
            failures.Add(ScheduleFailure(nameof(options.HistoryPurgeSchedule), options.HistoryPurgeSchedule));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string ScheduleFailure(string setting, string? expression) =>
        $"{ReservationOptions.SectionName}:{setting} must be an NCRONTAB expression with six fields (second minute hour day month weekday), e.g. \"0 * * * * *\"; got \"{expression}\".";
}
