using System.Globalization;
using System.Net;
using System.Text;
using Booking.Testing;
using Booking.Testing.Hosts;

namespace Booking.Bench;

/// <summary>
/// One Function App's build output under the Functions host the tests use (<see cref="FunctionsHostCommand"/>), on a
/// free 127.0.0.1 port with a run folder of its own. The app reads the repository's local.settings.sample.json as a
/// user's local.settings.json; the settings given here are environment variables, which win over it. Disposing kills
/// the host and the worker it started; the run folder goes with it.
/// </summary>
internal sealed class FunctionAppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly string runFolder = Path.Combine(Path.GetTempPath(), "bench-fnhost-" + Guid.NewGuid().ToString("N")[..12]);
    private ChildProcess? process;

    private FunctionAppProcess(int port) => Port = port;

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/api/");

    /// <summary>The host's process; its worker is a child of it.</summary>
    public int? ProcessId => process?.Id;

    public string Output => process?.Output ?? string.Empty;

    /// <summary>Starts <paramref name="appFolder"/> with <paramref name="settings"/> and waits until
    /// <paramref name="ready"/> (a request to the app) answers <paramref name="readyStatus"/>.</summary>
    public static async Task<FunctionAppProcess> StartAsync(
        FunctionsHostCommand command,
        string appFolder,
        IDictionary<string, string?> settings,
        (HttpMethod Method, string Path, string Body) ready,
        HttpStatusCode readyStatus,
        CancellationToken cancellationToken)
    {
        var app = new FunctionAppProcess(FreePort.Next());
        try
        {
            app.Launch(command, appFolder, settings);
            await app.WaitUntilReadyAsync(ready, readyStatus, cancellationToken);
            return app;
        }
        catch (InvalidOperationException e)
        {
            var output = app.Output;
            await app.DisposeAsync();
            throw new InvalidOperationException($"{appFolder} under {command.Description}: {e.Message}{Environment.NewLine}{(output.Length <= 8000 ? output : output[^8000..])}", e);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            await process.DisposeAsync();
        }

        try
        {
            Directory.Delete(runFolder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind (or never made) is harmless.
        }
    }

    private void Launch(FunctionsHostCommand command, string appFolder, IDictionary<string, string?> settings)
    {
        var settingsFile = Path.Combine(RepositoryPaths.Root, "local.settings.sample.json");
        var environment = new Dictionary<string, string?>(settings)
        {
            ["FNHOST_RUN"] = runFolder,
            ["PORT"] = Port.ToString(CultureInfo.InvariantCulture),
            ["FNHOST_ENABLE_AUTH"] = "false",
            ["AzureWebJobsSecretStorageType"] = "files",
            ["FUNCTIONS_SECRETS_PATH"] = Path.Combine(runFolder, "secrets"),
        };
        if (command.IsCoreTools)
        {
            // func start reads local.settings.json from the folder it runs in, as a user's copy of the sample.
            File.Copy(settingsFile, Path.Combine(appFolder, "local.settings.json"), overwrite: true);
        }

        var (fileName, arguments) = command.For(appFolder, settingsFile, Port);
        process = ChildProcess.Start(fileName, arguments, environment, workingDirectory: command.IsCoreTools ? appFolder : null, keptLines: 2000);
    }

    private async Task WaitUntilReadyAsync((HttpMethod Method, string Path, string Body) ready, HttpStatusCode readyStatus, CancellationToken cancellationToken)
    {
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                using var request = new HttpRequestMessage(ready.Method, ready.Path) { Content = new StringContent(ready.Body, Encoding.UTF8, "application/json") };
                using var response = await probe.SendAsync(request, cancellationToken);
                if (response.StatusCode == readyStatus)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
            }

            if (process!.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"no answer on port {Port} within {StartTimeout}.");
            }

            await Task.Delay(250, cancellationToken);
        }
    }
}
