using NCrontab;

namespace Booking.Core.Configuration;

/// <summary>The payment window and its bounds. Bound from the <c>Reservation</c> configuration section.</summary>
public sealed class ReservationOptions
{
    public const string SectionName = "Reservation";

    /// <summary>How long a reservation holds an apartment while waiting for payment, unless the request says otherwise.</summary>
    public TimeSpan PaymentWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The shortest per-reservation window a client may ask for.</summary>
    public TimeSpan MinPaymentWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest per-reservation window a client may ask for.</summary>
    public TimeSpan MaxPaymentWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The longest window a client may ask for without the operator key; longer ones up to
    /// <see cref="MaxPaymentWindow"/> need it, so one request cannot hold an apartment for days.</summary>
    public TimeSpan MaxClientPaymentWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How many apartments one client (by address) may hold at once, across every instance of the app;
    /// 0 turns the limit off. Operators are not limited.</summary>
    public int MaxActiveHoldsPerClient { get; set; } = 5;

    /// <summary>How many reservations one client (by address) may start per minute, across every instance; 0 turns the
    /// limit off. Operators are not limited.</summary>
    public int MaxReservationsPerClientPerMinute { get; set; } = 30;

    /// <summary>Take the client's address from the first address of X-Forwarded-For, as Azure's front ends set it.
    /// Only where a proxy in front sets that header: otherwise a client could name any address it liked.</summary>
    public bool TrustForwardedFor { get; set; }

    /// <summary>The apartment the seed's <c>addStepFunction</c> reserves when its input names none.</summary>
    public string DefaultApartmentId { get; set; } = "1234567";

    /// <summary>How long reserveApartment waits for the hold decision before answering REQUESTED.</summary>
    public TimeSpan HoldDecisionTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long past its reservedUntil a hold may stay before the sweeper releases it as orphaned.</summary>
    public TimeSpan SweepGracePeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>When the sweeper looks for orphaned holds: an NCRONTAB expression with seconds, as the Functions timer
    /// trigger reads it (the Function App binds its schedule to this setting; the local host follows the same one).
    /// TimeSpan schedules are left out because Consumption plans do not run them.</summary>
    public string SweepSchedule { get; set; } = "0 * * * * *";

    /// <summary>How long the task hub keeps the workflow history of a reservation after it ended; zero keeps it
    /// forever. Reservations themselves live in their records, so purging loses nothing a client or operator sees.</summary>
    public TimeSpan HistoryRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>When ended workflow history older than <see cref="HistoryRetention"/> is purged, in bounded batches:
    /// an NCRONTAB expression with seconds, like <see cref="SweepSchedule"/>.</summary>
    public string HistoryPurgeSchedule { get; set; } = "0 30 * * * *";

    /// <summary>The parsed <see cref="SweepSchedule"/>, read as the Functions timer trigger reads it; null when it is
    /// not a six-field NCRONTAB expression.</summary>
    public CrontabSchedule? ParseSweepSchedule() => ParseSchedule(SweepSchedule);

    /// <summary>The parsed <see cref="HistoryPurgeSchedule"/>; null when it is not a six-field NCRONTAB expression.</summary>
    public CrontabSchedule? ParseHistoryPurgeSchedule() => ParseSchedule(HistoryPurgeSchedule);

    /// <summary>The window for a request: the configured default, or the caller's choice within the bounds, which
    /// for a client end at <see cref="MaxClientPaymentWindow"/>.</summary>
    public TimeSpan ResolvePaymentWindow(int? requestedSeconds, bool isOperator = false)
    {
        if (requestedSeconds is null)
        {
            return PaymentWindow;
        }

        var longest = isOperator || MaxClientPaymentWindow > MaxPaymentWindow ? MaxPaymentWindow : MaxClientPaymentWindow;
        var requested = TimeSpan.FromSeconds(requestedSeconds.Value);
        if (requested < MinPaymentWindow || requested > longest)
        {
            var operatorNote = isOperator || longest == MaxPaymentWindow ? string.Empty : " Longer windows need the operator key.";
            throw new Validation.InputValidationException(
                "paymentWindowSeconds",
                $"paymentWindowSeconds must be between {MinPaymentWindow.TotalSeconds:0} and {longest.TotalSeconds:0}; got {requestedSeconds.Value}.{operatorNote}");
        }

        return requested;
    }

    private static CrontabSchedule? ParseSchedule(string? expression) => string.IsNullOrWhiteSpace(expression)
        ? null
        : CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
}
