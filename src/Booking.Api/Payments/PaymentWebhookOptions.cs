namespace Booking.Api.Payments;

/// <summary>The payment provider's webhook. Bound from the <c>Payments</c> section.</summary>
public sealed class PaymentWebhookOptions
{
    public const string SectionName = "Payments";

    /// <summary>The secret the provider signs each webhook with. Unset: every webhook is refused.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How far a signature's timestamp may be from now before the webhook counts as replayed.</summary>
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromMinutes(5);
}
