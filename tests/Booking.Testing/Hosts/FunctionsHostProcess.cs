using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Xunit;

namespace Booking.Testing.Hosts;

/// <summary>
/// The Function App (src/BookingFunctions, as built for this test run) under a real Azure Functions host
/// (<see cref="FunctionsHostCommand"/>). Settings come from the repository's local.settings.sample.json, as a user's
/// would, with the environment given here winning over it (as with Core Tools). Killing it kills the worker the host
/// started too.
/// </summary>
public sealed class FunctionsHostProcess : BookingHostProcess
{
    private readonly FunctionsHostCommand command;

    private FunctionsHostProcess(FunctionsHostCommand command, IDictionary<string, string?> environment, bool enforceKeys)
        : base(environment)
    {
        this.command = command;
        RunFolder = Path.Combine(Path.GetTempPath(), "fnhost-" + Guid.NewGuid().ToString("N")[..12]);
        Environment["FNHOST_RUN"] = RunFolder;
        Environment["PORT"] = Port.ToString(CultureInfo.InvariantCulture);
        Environment["FNHOST_ENABLE_AUTH"] = enforceKeys ? "true" : "false";
        // Keys as files in this host's own folder, under Core Tools as under the open-source host.
        Environment["AzureWebJobsSecretStorageType"] = "files";
        Environment["FUNCTIONS_SECRETS_PATH"] = Path.Combine(RunFolder, "secrets");
    }

    /// <summary>The Function App's build output, in this test run's configuration.</summary>
    public static string AppFolder => Path.GetDirectoryName(RepositoryPaths.BuiltAssembly(Path.Combine("src", "BookingFunctions"), "BookingFunctions.dll"))!;

    /// <summary>The settings file a user copies to local.settings.json before <c>func start</c>.</summary>
    public static string SettingsFile => Path.Combine(RepositoryPaths.Root, "local.settings.sample.json");

    /// <summary>This host's secrets, logs and test data.</summary>
    public string RunFolder { get; }

    /// <summary>With keys enforced, the function key requests are sent with; null otherwise.</summary>
    public string? FunctionKey { get; private set; }

    protected override string Description => "The Function App under " + command.Description;

    // The host indexes the app, starts the worker and the Durable extension; on a busy 2-core machine that is slow.
    protected override TimeSpan StartTimeout => TimeSpan.FromSeconds(180);

    /// <summary>Starts the host and waits until the Function App answers on /api/graphql. Fails the test, in one line,
    /// when this machine has no Functions host.</summary>
    /// <param name="environment">App settings as environment variables (<c>__</c> for <c>:</c>).</param>
    /// <param name="enforceKeys">Require function keys, as in Azure (by default every request is admin, as under
    /// <c>func start</c>).</param>
    public static async Task<FunctionsHostProcess> StartAsync(IDictionary<string, string?> environment, bool enforceKeys = false)
    {
        var command = FunctionsHostCommand.Current;
        Assert.True(command is not null, FunctionsHostCommand.NotFoundReason);
        var host = new FunctionsHostProcess(command, environment, enforceKeys);
        try
        {
            await host.StartAsync();
            if (enforceKeys)
            {
                host.FunctionKey = host.ReadDefaultFunctionKey();
            }

            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(RunFolder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    protected override ChildProcess Launch()
    {
        var (fileName, arguments) = command.For(AppFolder, SettingsFile, Port);
        if (command.IsCoreTools)
        {
            // func start reads local.settings.json from the folder it runs in, as a user's copy of the sample.
            File.Copy(SettingsFile, Path.Combine(AppFolder, "local.settings.json"), overwrite: true);
        }

        return ChildProcess.Start(fileName, arguments, Environment, workingDirectory: command.IsCoreTools ? AppFolder : null);
    }

    protected override void SendKey(HttpRequestHeaders headers)
    {
        if (FunctionKey is not null)
        {
            headers.Add("x-functions-key", FunctionKey);
        }
    }

    private string ReadDefaultFunctionKey()
    {
        var secrets = JsonNode.Parse(File.ReadAllText(Path.Combine(RunFolder, "secrets", "host.json")))!;
        var key = secrets["functionKeys"]?.AsArray().FirstOrDefault(k => (string?)k?["name"] == "default")?["value"];
        return (string?)key ?? throw new InvalidOperationException("The host wrote no default function key: " + secrets.ToJsonString());
    }
}
