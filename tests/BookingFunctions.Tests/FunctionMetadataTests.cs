using System.Text.Json.Nodes;
using Booking.Core.Reservations;
using Microsoft.DurableTask;

namespace BookingFunctions.Tests;

public sealed class FunctionMetadataTests
{
    private static readonly JsonArray Functions = FunctionAppOutput.Read("functions.metadata").AsArray();

    // What every host registers, read from the registration itself: a class added there without a [Function]
    // wrapper fails here.
    private static readonly DurableTaskRegistry Registered = new DurableTaskRegistry().AddReservationWorkflow();

    [Fact]
    public void Every_workflow_orchestrator_is_registered_with_an_orchestration_trigger()
    {
        Assert.NotEmpty(Registered.GetOrchestrators());
        Assert.All(Registered.GetOrchestrators().Select(o => o.Key), name =>
            Assert.Equal("orchestrationTrigger", TriggerOf(name.Name)["type"]!.GetValue<string>()));
    }

    [Fact]
    public void Every_workflow_activity_is_registered_with_an_activity_trigger()
    {
        Assert.NotEmpty(Registered.GetActivities());
        Assert.All(Registered.GetActivities().Select(a => a.Key), name =>
            Assert.Equal("activityTrigger", TriggerOf(name.Name)["type"]!.GetValue<string>()));
    }

    [Fact]
    public void The_graphql_endpoint_is_an_http_trigger_at_route_graphql_with_function_level_auth_for_get_and_post()
    {
        var trigger = TriggerOf("graphql");

        Assert.Equal("httpTrigger", trigger["type"]!.GetValue<string>());
        Assert.Equal("graphql", trigger["route"]!.GetValue<string>());
        Assert.Equal("Function", trigger["authLevel"]!.GetValue<string>());
        Assert.Equal(["get", "post"], trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>()).Order());
    }

    [Fact]
    public void The_orphaned_hold_sweeper_runs_on_a_timer_trigger() =>
        Assert.Equal("timerTrigger", TriggerOf(Workflow.OrphanedHoldSweepFunction.Name)["type"]!.GetValue<string>());

    [Fact]
    public void The_durable_task_extension_is_in_extensions_json()
    {
        var extensions = FunctionAppOutput.Read("extensions.json")["extensions"]!.AsArray();

        Assert.Contains(extensions, e => e!["typeName"]!.GetValue<string>().Contains("DurableTask", StringComparison.Ordinal));
    }

    [Fact]
    public void The_app_ships_the_root_host_json_with_the_configurable_task_hub()
    {
        var hubName = FunctionAppOutput.Read("host.json")["extensions"]!["durableTask"]!["hubName"]!.GetValue<string>();

        Assert.Equal("%TaskHubName%", hubName);
    }

    [Fact]
    public void The_worker_config_runs_the_isolated_worker_dll()
    {
        var description = FunctionAppOutput.Read("worker.config.json")["description"]!;

        Assert.Equal("dotnet-isolated", description["language"]!.GetValue<string>());
        Assert.Equal("BookingFunctions.dll", description["defaultWorkerPath"]!.GetValue<string>());
    }

    internal static JsonNode TriggerOf(string functionName)
    {
        var function = Functions.SingleOrDefault(f => f!["name"]!.GetValue<string>() == functionName);
        Assert.True(function is not null, $"functions.metadata does not list '{functionName}'.");
        return Assert.Single(function!["bindings"]!.AsArray(), b => b!["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal))!;
    }
}
