namespace Booking.Core.Validation;

/// <summary>
/// The rules every id meets before it reaches DynamoDB or the durable engine. Reservation ids become Durable instance
/// ids, which may not contain '/', '\', '#' or '?', and may not start with '@': the Durable Functions client reserves
/// that for entity ids and throws on it, so the Function App would fail where the local host does not.
/// </summary>
public static class InputRules
{
    public const int MaxIdLength = 128;

    private const char EntityIdPrefix = '@';

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

        if (id!.StartsWith(EntityIdPrefix))
        {
            return $"it must not start with '{EntityIdPrefix}' (reserved for durable entities).";
        }

        return id.IndexOfAny(ForbiddenInReservationId) >= 0
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
