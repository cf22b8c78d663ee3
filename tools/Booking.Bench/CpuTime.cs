using System.Globalization;

namespace Booking.Bench;

/// <summary>CPU time (user + system) processes have used so far, from /proc/&lt;pid&gt;/stat; the bench's profile of
/// where a scenario's work went (host, Azurite, dynalite).</summary>
internal static class CpuTime
{
    private const double TicksPerSecond = 100;

    public static double SecondsOf(int? processId) =>
        processId is { } id && Stat(id) is { } fields ? Ticks(fields) / TicksPerSecond : double.NaN;

    /// <summary>The process and every process below it: a Functions host with the language worker it started.</summary>
    public static double SecondsOfTree(int? processId)
    {
        if (processId is not { } root || Stat(root) is null)
        {
            return double.NaN;
        }

        var parents = new Dictionary<int, int>();
        var ticks = new Dictionary<int, long>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } fields)
            {
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                ticks[pid] = Ticks(fields);
            }
        }

        var inTree = new HashSet<int> { root };
        for (var grown = true; grown;)
        {
            grown = false;
            foreach (var (pid, parent) in parents)
            {
                grown |= inTree.Contains(parent) && inTree.Add(pid);
            }
        }

        return inTree.Sum(pid => ticks.GetValueOrDefault(pid)) / TicksPerSecond;
    }

    private static long Ticks(string[] fields) =>
        long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);

    /// <summary>The fields after the command name (field 2, which may contain spaces): state, ppid, …; null when the
    /// process is gone.</summary>
    private static string[]? Stat(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }
}
