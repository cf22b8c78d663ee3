using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Booking.Api.Telemetry;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.ApplicationInsights;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

// In the hosting namespace, like eShop's service defaults, so Program.cs needs no extra using for one line.
namespace Microsoft.Extensions.Hosting;

public static class BookingTelemetryExtensions
{
    private const string ApplicationInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    // The template turns Application Insights' local authentication off and names the app's identity here, as the
    // Functions host reads it: "ClientId=<client id>;Authorization=AAD".
    private const string ApplicationInsightsAuthentication = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>
    /// Sends the worker's logs and dependencies straight to Application Insights, and its spans and metrics with
    /// OpenTelemetry: to Application Insights too, and to an OTLP endpoint when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set
    /// (over the protocol <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> names, which the exporter reads itself). The
    /// connection string comes from APPLICATIONINSIGHTS_CONNECTION_STRING; without it and without an endpoint nothing
    /// leaves the process, as under local runs.
    /// </summary>
    public static FunctionsApplicationBuilder AddBookingTelemetry(this FunctionsApplicationBuilder builder)
    {
        var credential = IdentityFrom(builder.Configuration[ApplicationInsightsAuthentication]);
        var toOtlp = !string.IsNullOrEmpty(builder.Configuration[BookingTracingExtensions.OtlpEndpointSetting]);
        var toApplicationInsights = !string.IsNullOrEmpty(builder.Configuration[ApplicationInsightsConnectionString]);

        // The worker's invocation spans continue the host's trace (Durable Functions distributed tracing V2, host.json),
        // and the booking spans continue them, down to DynamoDB. The host's own request metrics come from the host
        // (telemetryMode in host.json); the worker adds the booking's.
        var telemetry = builder.Services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddBookingSources())
            .WithMetrics(metrics => metrics.AddBookingMeters());
        if (toOtlp)
        {
            telemetry.WithTracing(tracing => tracing.AddOtlpExporter()).WithMetrics(metrics => metrics.AddOtlpExporter());
        }

        if (toApplicationInsights)
        {
            telemetry
                .WithTracing(tracing => tracing.AddAzureMonitorTraceExporter(exporter => exporter.Credential = credential))
                .WithMetrics(metrics => metrics.AddAzureMonitorMetricExporter(exporter => exporter.Credential = credential));
        }

        builder.Services
            .AddApplicationInsightsTelemetryWorkerService()
            .ConfigureFunctionsApplicationInsights();
        if (credential is not null)
        {
            builder.Services.Configure<TelemetryConfiguration>(configuration => configuration.SetAzureTokenCredential(credential));
        }

        // The workflow's scope (ReservationId, ApartmentId) becomes custom dimensions on every line logged inside it,
        // which is what makes one reservation's story searchable.
        builder.Services.Configure<ApplicationInsightsLoggerOptions>(options => options.IncludeScopes = true);

        // The Application Insights SDK adds a rule that keeps only Warning and above for its provider; the workflow's
        // Information lines (held, paid, expired) are the point, so drop that rule and let host.json and the
        // Logging section decide levels.
        builder.Logging.Services.Configure<LoggerFilterOptions>(options =>
        {
            var sdkDefault = options.Rules.FirstOrDefault(rule =>
                rule.ProviderName == typeof(ApplicationInsightsLoggerProvider).FullName && string.IsNullOrEmpty(rule.CategoryName));
            if (sdkDefault is not null)
            {
                options.Rules.Remove(sdkDefault);
            }
        });

        return builder;
    }

    /// <summary>The managed identity an authentication string of the form "ClientId=...;Authorization=AAD" names; null
    /// when there is none (local runs, or Application Insights with local authentication).</summary>
    private static ManagedIdentityCredential? IdentityFrom(string? authentication)
    {
        var parts = (authentication ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var kind) || !string.Equals(kind, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out var clientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
