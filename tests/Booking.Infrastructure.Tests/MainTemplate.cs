namespace Booking.Infrastructure.Tests;

/// <summary>infra/main.bicep compiled once for all the tests of a class.</summary>
public sealed class MainTemplate : IAsyncLifetime
{
    public CompiledTemplate Compiled { get; private set; } = null!;

    public async Task InitializeAsync() => Compiled = await CompiledTemplate.BuildAsync(InfraPaths.Template);

    public Task DisposeAsync() => Task.CompletedTask;
}
