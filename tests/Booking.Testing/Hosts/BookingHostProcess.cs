using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Booking.Testing.Hosts;

/// <summary>
/// A host of the booking API in a process of its own on a free loopback port, configured only by environment
/// variables, driven over HTTP. It can be killed (SIGKILL) and started again on the same port and settings, hence the
/// same task hub and table. Disposing kills it (and the processes it started) by its own process handle. Subclasses
/// say how to launch it and which key a request carries.
/// </summary>
public abstract class BookingHostProcess : IBookingHost
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(250);

    private readonly StringBuilder earlierOutput = new();
    private ChildProcess? process;

    protected BookingHostProcess(IDictionary<string, string?> environment)
    {
        Environment = new Dictionary<string, string?>(environment);
        Port = FreePort.Next();
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}/api/"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public int Port { get; }

    public HttpClient Http { get; }

    public int? ProcessId => process?.Id;

    public string Output => earlierOutput + (process?.Output ?? string.Empty);

    /// <summary>The settings the host is started with.</summary>
    protected Dictionary<string, string?> Environment { get; }

    /// <summary>What the host is, for messages.</summary>
    protected abstract string Description { get; }

    /// <summary>How long the host may take to answer after it is launched.</summary>
    protected abstract TimeSpan StartTimeout { get; }

    public async Task<TimeSpan> RestartAsync()
    {
        Assert.Null(process);
        var clock = Stopwatch.StartNew();
        await StartAsync();
        return clock.Elapsed;
    }

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

    public async Task<GraphQLResponse> PostAsync(string query, object? variables = null, Action<HttpRequestHeaders>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        (headers ?? SendKey)(request.Headers);
        using var response = await Http.SendAsync(request);
        return await GraphQLResponse.ReadAsync(response);
    }

    public virtual async ValueTask DisposeAsync()
    {
        await KillAsync();
        Http.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Launches the host's process.</summary>
    protected abstract ChildProcess Launch();

    /// <summary>Adds the key the host expects, if any, to a request.</summary>
    public void AddClientKey(HttpRequestHeaders headers) => SendKey(headers);

    protected abstract void SendKey(HttpRequestHeaders headers);

    /// <summary>Launches the host and waits until it answers on /api/graphql.</summary>
    protected async Task StartAsync()
    {
        process = Launch();
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await AnswersAsync())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var output = process.Output;
                await KillAsync();
                throw new InvalidOperationException(
                    $"{Description} did not answer on port {Port} within {StartTimeout}:{System.Environment.NewLine}{(output.Length <= 8000 ? output : output[^8000..])}");
            }

            await Task.Delay(ProbeInterval);
        }
    }

    private async Task<bool> AnswersAsync()
    {
        try
        {
            // Up means the app answers: 200, or 401 where a key is required (a keyed host may not know its key yet).
            return (await PostAsync("{ __typename }", headers: _ => { })).Status is HttpStatusCode.OK or HttpStatusCode.Unauthorized;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
