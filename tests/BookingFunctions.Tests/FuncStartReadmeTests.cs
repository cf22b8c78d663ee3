using System.Text.Json.Nodes;
using Booking.Testing;

namespace BookingFunctions.Tests;

/// <summary>The README's <c>func start</c> steps use the settings file and emulators the Function App tests run with.</summary>
public sealed class FuncStartReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));

    [Theory]
    [InlineData("./run.sh --emulators-only")]
    [InlineData("cp local.settings.sample.json src/BookingFunctions/local.settings.json")]
    [InlineData("cd src/BookingFunctions && func start")]
    public void README_tells_a_Core_Tools_user_each_step(string step) => Assert.Contains(step, Readme, StringComparison.Ordinal);

    [Fact]
    public void The_settings_file_the_README_copies_is_the_one_the_Function_App_tests_start_the_host_with()
    {
        var values = JsonNode.Parse(File.ReadAllText(FunctionsHostProcess.SettingsFile))!["Values"]!.AsObject();

        Assert.EndsWith("local.settings.sample.json", FunctionsHostProcess.SettingsFile, StringComparison.Ordinal);
        Assert.Equal("%Reservation:SweepSchedule%", FunctionMetadataTests.TriggerOf(Workflow.OrphanedHoldSweepFunction.Name)["schedule"]!.GetValue<string>());
        Assert.True(values.ContainsKey("Reservation__SweepSchedule"), "The timer's schedule setting must be in the sample, or the host cannot index the sweeper.");
    }
}
