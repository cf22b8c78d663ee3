namespace Booking.Testing;

/// <summary>Debian's Chromium, which the browser tests drive headless (./test.sh installs it when it is missing).</summary>
public static class Chromium
{
    public static string Path { get; } = Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium";

    /// <summary>Fails the test in one line when there is no Chromium to drive.</summary>
    public static void Require() => Xunit.Assert.True(
        File.Exists(Path),
        $"Chromium is not installed at {Path}: ./test.sh installs Debian's chromium package (or set CHROMIUM to a Chromium binary).");
}
