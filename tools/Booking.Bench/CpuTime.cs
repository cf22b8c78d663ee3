using System.Globalization;

namespace Booking.Bench;

/// <summary>CPU time (user + system) a process has used so far, from /proc/&lt;pid&gt;/stat; the bench's profile of
/// where a scenario's work went (host, Azurite, dynalite).</summary>
internal static class CpuTime
{
    private const double TicksPerSecond = 100;

    public static double SecondsOf(int? processId)
    {
        if (processId is null || !File.Exists($"/proc/{processId}/stat"))
        {
            return double.NaN;
        }

        // The command name (field 2) may contain spaces; the fields after its closing parenthesis do not.
        var stat = File.ReadAllText($"/proc/{processId.Value.ToString(CultureInfo.InvariantCulture)}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }
}
