namespace Booking.Core.Apartments;

/// <summary>
/// The seed's table stores statuses as lowercase strings; keeping them lets a table created by the seed's stack work
/// unchanged.
/// </summary>
public static class ApartmentStatusNames
{
    public const string Vacant = "vacant";
    public const string Reserved = "reserved";
    public const string Paid = "paid";

    public static string ToStoredValue(this ApartmentStatus status) => status switch
    {
        ApartmentStatus.Vacant => Vacant,
        ApartmentStatus.Reserved => Reserved,
        ApartmentStatus.Paid => Paid,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown apartment status."),
    };

    /// <summary>Reads a stored status; matching ignores case because the seed's CDK code wrote 'Paid'.</summary>
    public static bool TryParse(string? stored, out ApartmentStatus status)
    {
        switch (stored?.Trim().ToLowerInvariant())
        {
            case Vacant: status = ApartmentStatus.Vacant; return true;
            case Reserved: status = ApartmentStatus.Reserved; return true;
            case Paid: status = ApartmentStatus.Paid; return true;
            default: status = default; return false;
        }
    }
}
