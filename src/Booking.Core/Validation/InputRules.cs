namespace Booking.Core.Validation;

/// <summary>
/// The rules every id meets before it reaches DynamoDB or the durable engine. Reservation ids become Durable instance
/// ids, which may not contain '/', '\', '#' or '?'.
/// </summary>
public static class InputRules
{
    public const int MaxIdLength = 128;

    private static readonly char[] ForbiddenInReservationId = ['/', '\\', '#', '?'];

    /// <summary>Returns what is wrong with an apartment id, or null when it is valid.</summary>
    public static string? CheckApartmentId(string? id) => CheckId(id);

    /// <summary>Returns what is wrong with a reservation id, or null when it is valid.</summary>
    public static string? CheckReservationId(string? id)
    {
        if (CheckId(id) is { } problem)
        {
            return problem;
        }

        return id!.IndexOfAny(ForbiddenInReservationId) >= 0
            ? "it must not contain '/', '\\', '#' or '?'."
            : null;
    }

    /// <summary>Throws <see cref="InputValidationException"/> naming <paramref name="field"/> when the id is invalid.</summary>
    public static string RequireApartmentId(string? id, string field = "apartmentId") =>
        CheckApartmentId(id) is { } problem ? throw new InputValidationException(field, $"{field} is invalid: {problem}") : id!;

    /// <summary>Throws <see cref="InputValidationException"/> naming <paramref name="field"/> when the id is invalid.</summary>
    public static string RequireReservationId(string? id, string field = "reservationId") =>
        CheckReservationId(id) is { } problem ? throw new InputValidationException(field, $"{field} is invalid: {problem}") : id!;

    private static string? CheckId(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return "it must not be empty.";
        }

        if (id.Length > MaxIdLength)
        {
            return $"it must be at most {MaxIdLength} characters; got {id.Length}.";
        }

        if (id.Any(char.IsControl))
        {
            return "it must not contain control characters.";
        }

        if (string.IsNullOrWhiteSpace(id))
        {
            return "it must not be blank.";
        }

        return null;
    }
}
