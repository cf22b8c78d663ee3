using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Booking.Testing;

namespace Booking.LocalHost.Tests;

/// <summary>
/// The real local host (src/Booking.LocalHost, as built for this test run's configuration) in a process of its own on
/// a free loopback port, configured only by environment variables. It can be killed (SIGKILL) and started again on
/// the same port and settings, hence the same task hub and table. Disposing kills it by its own process handle.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    public const string ApiKeySetting = "Auth__ApiKey";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(200);

    private readonly Dictionary<string, string?> environment;
    private readonly int keptLines;
    private readonly StringBuilder earlierOutput = new();
    private ChildProcess? process;

    private LocalHostProcess(Dictionary<string, string?> environment, int keptLines)
    {
        this.environment = environment;
        this.keptLines = keptLines;
        Port = FreePort.Next();
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}/api/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public int Port { get; }

    public Uri GraphQLUrl => new(Http.BaseAddress!, "graphql");

    public HttpClient Http { get; }

    /// <summary>The process id of the running host; null while it is down.</summary>
    public int? ProcessId => process?.Id;

    /// <summary>Everything the host wrote (stdout and stderr), across restarts.</summary>
    public string Output => earlierOutput + (process?.Output ?? string.Empty);

    public string? ApiKey => environment.GetValueOrDefault(ApiKeySetting);

    /// <summary>Starts the host and waits until /api/graphql answers.</summary>
    /// <param name="keptLines">Output lines kept per process; raise it when a test searches all of the output.</param>
    public static async Task<LocalHostProcess> StartAsync(IDictionary<string, string?> environment, int keptLines = ChildProcess.DefaultKeptLines)
    {
        var host = new LocalHostProcess(new Dictionary<string, string?>(environment), keptLines);
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the host again after <see cref="KillAsync"/>, on the same port with the same settings, and
    /// waits until it answers; returns how long that took.</summary>
    public async Task<TimeSpan> RestartAsync()
    {
        Assert.Null(process);
        var clock = Stopwatch.StartNew();
        await StartAsync();
        return clock.Elapsed;
    }

    /// <summary>SIGKILL, as in a crash: no graceful stop, no lease release.</summary>
    public async Task KillAsync()
    {
        if (process is null)
        {
            return;
        }

        await process.KillAsync();
        earlierOutput.AppendLine(process.Output);
        await process.DisposeAsync();
        process = null;
    }

    /// <summary>POSTs a GraphQL request as JSON. Sends the configured API key unless <paramref name="headers"/> takes
    /// over the request's headers.</summary>
    public async Task<GraphQLResponse> PostAsync(string query, object? variables = null, Action<HttpRequestHeaders>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        (headers ?? SendApiKey)(request.Headers);
        using var response = await Http.SendAsync(request);
        return await GraphQLResponse.ReadAsync(response);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Http.Dispose();
    }

    private void SendApiKey(HttpRequestHeaders headers)
    {
        if (!string.IsNullOrEmpty(ApiKey))
        {
            headers.Add("x-api-key", ApiKey);
        }
    }

    private async Task StartAsync()
    {
        var dll = RepositoryPaths.BuiltAssembly(Path.Combine("src", "Booking.LocalHost"), "Booking.LocalHost.dll");
        process = ChildProcess.Start(
            "dotnet",
            [dll, "--urls", "http://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture)],
            environment,
            keptLines: keptLines);

        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await AnswersAsync())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var output = process.Output;
                await KillAsync();
                throw new InvalidOperationException($"The local host did not answer on {GraphQLUrl} within {StartTimeout}:{Environment.NewLine}{output}");
            }

            await Task.Delay(ProbeInterval);
        }
    }

    private async Task<bool> AnswersAsync()
    {
        try
        {
            return (await PostAsync("{ __typename }")).Status == System.Net.HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
