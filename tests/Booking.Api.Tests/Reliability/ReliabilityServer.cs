namespace Booking.Api.Tests.Reliability;

/// <summary>The reliability tests' own <see cref="ApiServer"/> (see <see cref="ReliabilityCollection"/>), with the
/// reservations and apartments the bad-request corpus refers to.</summary>
public sealed class ReliabilityServer : ApiServer
{
    private readonly Lazy<Task<CorpusWorld>> world;

    public ReliabilityServer() => world = new(() => CorpusWorld.CreateAsync(this));

    /// <summary>The reservations and apartments the corpus refers to, created once, on first use.</summary>
    public Task<CorpusWorld> WorldAsync() => world.Value;
}
