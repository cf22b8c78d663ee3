namespace Booking.Core.Validation;

/// <summary>A request broke an input rule. Raised before any call to storage, so nothing has changed.</summary>
public sealed class InputValidationException : Exception
{
    public InputValidationException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    public InputValidationException()
        : this(string.Empty, "The input is not valid.")
    {
    }

    public InputValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = string.Empty;
    }

    /// <summary>The argument that broke the rule, as the client named it.</summary>
    public string Field { get; } = string.Empty;
}
