namespace Booking.Testing.Hosts;

/// <summary>
/// How to run the Function App under a real Azure Functions host, found in the order a developer would expect:
/// <c>func</c> (Core Tools) on PATH, run as <c>func start</c> in the app's output folder; then the open-source host in
/// <c>FUNCTIONS_HOST_DIR</c>; then the one beside the repository in <c>../shared/functions-host</c>.
/// </summary>
public sealed record FunctionsHostCommand(string Description, string FileName, IReadOnlyList<string> Arguments, bool IsCoreTools)
{
    public const string HostDirVariable = "FUNCTIONS_HOST_DIR";

    private static readonly Lazy<FunctionsHostCommand?> Found = new(Locate);

    /// <summary>The host these tests run the Function App under; null when this machine has none.</summary>
    public static FunctionsHostCommand? Current => Found.Value;

    /// <summary>One line saying why the Function App tests cannot run here.</summary>
    public static string NotFoundReason =>
        $"No Azure Functions host: 'func' is not on PATH, {HostDirVariable} is not set and {SharedHostDir} does not exist.";

    private static string SharedHostDir => Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "functions-host"));

    /// <summary>The command that starts the host for <paramref name="appFolder"/> on <paramref name="port"/>, reading
    /// <paramref name="settingsFile"/> as a user's local.settings.json.</summary>
    public (string FileName, IReadOnlyList<string> Arguments) For(string appFolder, string settingsFile, int port) => IsCoreTools
        ? (FileName, [.. Arguments, "start", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        : (FileName, [.. Arguments, appFolder, settingsFile]);

    private static FunctionsHostCommand? Locate()
    {
        var func = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "func"))
            .FirstOrDefault(File.Exists);
        if (func is not null)
        {
            return new("Azure Functions Core Tools (" + func + ")", func, [], IsCoreTools: true);
        }

        foreach (var dir in new[] { Environment.GetEnvironmentVariable(HostDirVariable), SharedHostDir })
        {
            var script = string.IsNullOrEmpty(dir) ? null : Path.Combine(dir, "start-host.sh");
            if (script is not null && File.Exists(script))
            {
                return new("the Azure Functions host in " + Path.GetDirectoryName(script), "bash", [script], IsCoreTools: false);
            }
        }

        return null;
    }
}
