namespace Booking.Engine.Client;

/// <summary>Thrown when a new orchestration is scheduled with an instance id that is already taken, in any state:
/// a reservation id names one reservation for good.</summary>
public sealed class InstanceAlreadyExistsException : InvalidOperationException
{
    public InstanceAlreadyExistsException()
    {
    }

    public InstanceAlreadyExistsException(string message)
        : base(message)
    {
    }

    public InstanceAlreadyExistsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string InstanceId { get; init; } = string.Empty;

    public static InstanceAlreadyExistsException For(string instanceId, Exception? innerException = null) =>
        new($"An orchestration instance with id '{instanceId}' already exists.", innerException!) { InstanceId = instanceId };
}
