using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace Booking.Engine;

/// <summary>The one data converter for everything the engine writes and reads, so payloads written by the worker's
/// shims (outputs, custom status) read back through the client as the same records.</summary>
internal static class EngineSerialization
{
    public static DataConverter DataConverter { get; } = JsonDataConverter.Default;
}
