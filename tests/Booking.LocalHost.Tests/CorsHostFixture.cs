using Booking.Testing;

namespace Booking.LocalHost.Tests;

/// <summary>A local host that allows one browser origin: a page this test run serves on a port of its own.</summary>
public sealed class CorsHostFixture : HostFixture
{
    /// <summary>The port of the front-end page the tests serve; its origin is the one allowed.</summary>
    public int AllowedPagePort { get; } = FreePort.Next();

    public string AllowedOrigin => $"http://127.0.0.1:{AllowedPagePort}";

    protected override void Configure(Dictionary<string, string?> environment) => environment["Cors__AllowedOrigins"] = AllowedOrigin;
}
