using Booking.Testing.Hosts;

namespace Booking.Testing.Corpus;

/// <summary>A running API the bad-request corpus is sent to: the reservations it needs are made through the API, and
/// everything a request could change can be read back without it.</summary>
public interface ICorpusServer
{
    /// <summary>The server's <c>GraphQL:MaxRequestBytes</c>.</summary>
    int MaxRequestBytes { get; }

    /// <summary>The server's <c>Reservation:MaxPaymentWindow</c>, in seconds.</summary>
    int MaxPaymentWindowSeconds { get; }

    /// <summary>The server's <c>Auth:OperatorKey</c>: the server has one, so a request without it is a client's.</summary>
    string OperatorKey { get; }

    /// <summary>Adds a vacant apartment straight to the table and returns its id, which starts with <paramref name="prefix"/>.</summary>
    Task<string> AddApartmentAsync(string prefix);

    /// <summary>Sends one request to the server's <c>/api/graphql</c> (the request's URI is relative to <c>/api/</c>).</summary>
    Task<GraphQLResponse> SendAsync(HttpRequestMessage request);

    /// <summary>The reservations and apartments the corpus refers to (<see cref="CorpusWorld.CreateAsync"/>), made once,
    /// on first use.</summary>
    Task<CorpusWorld> WorldAsync();

    /// <summary>Every apartment and every workflow instance with its runtime status, in a stable order.</summary>
    Task<Snapshot> SnapshotAsync();
}
