namespace Booking.Infrastructure.Tests;

/// <summary>What one bicep run printed and how it ended.</summary>
public sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit code {ExitCode}; stderr:{Environment.NewLine}{StandardError}";
}
