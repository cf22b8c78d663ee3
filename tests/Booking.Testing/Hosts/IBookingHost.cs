using System.Net.Http.Headers;

namespace Booking.Testing.Hosts;

/// <summary>A host of the booking API in a process of its own, driven over HTTP only: the local host or the Function
/// App under a Functions host. Tests written against this run against both.</summary>
public interface IBookingHost : IAsyncDisposable
{
    int Port { get; }

    /// <summary>A client whose base address is the host's <c>/api/</c>.</summary>
    HttpClient Http { get; }

    /// <summary>Everything the host wrote (stdout and stderr), across restarts.</summary>
    string Output { get; }

    /// <summary>The process id of the running host; null while it is down.</summary>
    int? ProcessId { get; }

    /// <summary>POSTs a GraphQL request as JSON, with the host's key unless <paramref name="headers"/> takes over the
    /// request's headers.</summary>
    Task<GraphQLResponse> PostAsync(string query, object? variables = null, Action<HttpRequestHeaders>? headers = null);

    /// <summary>Adds the client key the host's requests carry by default (nothing when it needs none).</summary>
    void AddClientKey(HttpRequestHeaders headers);

    /// <summary>SIGKILL, as in a crash: no graceful stop, no lease release.</summary>
    Task KillAsync();

    /// <summary>Starts the host again after <see cref="KillAsync"/>, on the same port, settings and storage, and waits
    /// until it answers; returns how long that took.</summary>
    Task<TimeSpan> RestartAsync();
}
