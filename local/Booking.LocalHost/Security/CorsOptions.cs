namespace Booking.LocalHost.Security;

/// <summary>Which browser origins may call the API from their pages. Bound from the <c>Cors</c> section (env
/// <c>Cors__AllowedOrigins</c>), the local host's counterpart of the Functions host's CORS settings.</summary>
public sealed class CorsOptions
{
    public const string SectionName = "Cors";

    /// <summary>Origins such as <c>http://localhost:3000</c>, separated by commas, or <c>*</c> for any; empty allows
    /// none (the browser blocks pages of other origins).</summary>
    public string AllowedOrigins { get; set; } = string.Empty;

    public IReadOnlyList<string> Origins =>
        AllowedOrigins.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
