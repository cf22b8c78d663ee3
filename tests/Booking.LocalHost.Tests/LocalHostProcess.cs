using System.Globalization;
using System.Net.Http.Headers;
using Booking.Testing;

namespace Booking.LocalHost.Tests;

/// <summary>
/// The real local host (local/Booking.LocalHost, as built for this test run's configuration) in a process of its own,
/// sending the configured API key with every request.
/// </summary>
public sealed class LocalHostProcess : BookingHostProcess
{
    public const string ApiKeySetting = "Auth__ApiKey";

    private readonly int keptLines;

    private LocalHostProcess(IDictionary<string, string?> environment, int keptLines)
        : base(environment) => this.keptLines = keptLines;

    public string? ApiKey => Environment.GetValueOrDefault(ApiKeySetting);

    protected override string Description => "The local host";

    protected override TimeSpan StartTimeout => TimeSpan.FromSeconds(90);

    /// <summary>Starts the host and waits until /api/graphql answers.</summary>
    /// <param name="keptLines">Output lines kept per process; raise it when a test searches all of the output.</param>
    public static async Task<LocalHostProcess> StartAsync(IDictionary<string, string?> environment, int keptLines = ChildProcess.DefaultKeptLines)
    {
        var host = new LocalHostProcess(environment, keptLines);
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

    protected override ChildProcess Launch()
    {
        var dll = RepositoryPaths.BuiltAssembly(Path.Combine("local", "Booking.LocalHost"), "Booking.LocalHost.dll");
        return ChildProcess.Start(
            "dotnet",
            [dll, "--urls", "http://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture)],
            Environment,
            keptLines: keptLines);
    }

    protected override void SendKey(HttpRequestHeaders headers)
    {
        if (!string.IsNullOrEmpty(ApiKey))
        {
            headers.Add("x-api-key", ApiKey);
        }
    }
}
