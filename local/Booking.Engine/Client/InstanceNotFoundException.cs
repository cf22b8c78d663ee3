namespace Booking.Engine.Client;

/// <summary>Thrown when an event is raised on, or a stop is asked of, an instance id the task hub has never seen.</summary>
public sealed class InstanceNotFoundException : InvalidOperationException
{
    public InstanceNotFoundException()
    {
    }

    public InstanceNotFoundException(string message)
        : base(message)
    {
    }

    public InstanceNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string InstanceId { get; init; } = string.Empty;

    public static InstanceNotFoundException For(string instanceId, Exception? innerException = null) =>
        new($"No orchestration instance with id '{instanceId}' exists.", innerException!) { InstanceId = instanceId };
}
