using Booking.Testing.Corpus;

namespace Booking.Api.Tests.Reliability;

/// <summary>The reliability tests' own <see cref="ApiFixture"/> (see <see cref="ReliabilityCollection"/>), which the
/// bad-request corpus is sent to.</summary>
public sealed class ReliabilityFixture : ApiFixture, ICorpusServer
{
    private readonly Lazy<Task<CorpusWorld>> world;

    public ReliabilityFixture() => world = new(() => CorpusWorld.CreateAsync(this));

    int ICorpusServer.MaxRequestBytes => MaxRequestBytes;

    int ICorpusServer.MaxPaymentWindowSeconds => MaxPaymentWindowSeconds;

    string ICorpusServer.OperatorKey => OperatorKey;

    public Task<CorpusWorld> WorldAsync() => world.Value;

    async Task<GraphQLResponse> ICorpusServer.SendAsync(HttpRequestMessage request)
    {
        using var response = await Http.SendAsync(request);
        return await GraphQLResponse.ReadAsync(response);
    }
}
