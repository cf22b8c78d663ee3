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
    public void The_graphql_endpoint_is_an_http_trigger_at_route_graphql_with_function_level_auth_for_every_method()
    {
        var trigger = TriggerOf("graphql");

        Assert.Equal("httpTrigger", trigger["type"]!.GetValue<string>());
        Assert.Equal("graphql", trigger["route"]!.GetValue<string>());
        Assert.Equal("Function", trigger["authLevel"]!.GetValue<string>());
        Assert.Null(trigger["methods"]);
    }

    [Fact]
    public void The_orphaned_hold_sweeper_runs_on_a_timer_whose_schedule_is_the_sweep_schedule_setting()
    {
        var trigger = TriggerOf(Workflow.OrphanedHoldSweepFunction.Name);

        Assert.Equal("timerTrigger", trigger["type"]!.GetValue<string>());
        Assert.Equal("%Reservation:SweepSchedule%", trigger["schedule"]!.GetValue<string>());
    }

    [Fact]
    public void The_health_check_is_an_anonymous_http_trigger_at_route_health_for_get_and_head()
    {
        var trigger = TriggerOf("health");

        Assert.Equal(("httpTrigger", "health", "Anonymous"), (trigger["type"]!.GetValue<string>(), trigger["route"]!.GetValue<string>(), trigger["authLevel"]!.GetValue<string>()));
        Assert.Equal(["get", "head"], trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>()).Order());
    }

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
    public void The_payment_webhook_is_an_anonymous_http_trigger_at_route_payments_webhook_because_its_signature_is_the_credential()
    {
        var trigger = TriggerOf("paymentWebhook");

        Assert.Equal(("httpTrigger", "payments/webhook", "Anonymous"), (trigger["type"]!.GetValue<string>(), trigger["route"]!.GetValue<string>(), trigger["authLevel"]!.GetValue<string>()));
    }

    [Fact]
    public void Durable_distributed_tracing_V2_is_on_so_orchestrations_and_activities_join_the_callers_trace()
    {
        var tracing = FunctionAppOutput.Read("host.json")["extensions"]!["durableTask"]!["tracing"]!;

        Assert.True(tracing["distributedTracingEnabled"]!.GetValue<bool>());
        Assert.Equal("V2", tracing["version"]!.GetValue<string>());
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
