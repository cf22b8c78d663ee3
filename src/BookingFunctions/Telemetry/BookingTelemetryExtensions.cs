using Azure.Monitor.OpenTelemetry.Exporter;
using Booking.Api.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.ApplicationInsights;
using OpenTelemetry;
using OpenTelemetry.Trace;

// In the hosting namespace, like eShop's service defaults, so Program.cs needs no extra using for one line.
namespace Microsoft.Extensions.Hosting;

public static class BookingTelemetryExtensions
{
    private const string ApplicationInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// Sends the worker's logs and dependencies straight to Application Insights, and its spans with OpenTelemetry:
    /// to Application Insights too, and to an OTLP endpoint when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. The
    /// connection string comes from APPLICATIONINSIGHTS_CONNECTION_STRING; without it and without an endpoint nothing
    /// leaves the process, as under local runs.
    /// </summary>
    public static FunctionsApplicationBuilder AddBookingTelemetry(this FunctionsApplicationBuilder builder)
    {
        // The worker's invocation spans continue the host's trace (Durable Functions distributed tracing V2, host.json),
        // and the booking spans continue them, down to DynamoDB.
        builder.Services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing =>
            {
                tracing.AddBookingSources();
                if (!string.IsNullOrEmpty(builder.Configuration[BookingTracingExtensions.OtlpEndpointSetting]))
                {
                    tracing.AddOtlpExporter();
                }

                if (!string.IsNullOrEmpty(builder.Configuration[ApplicationInsightsConnectionString]))
                {
                    tracing.AddAzureMonitorTraceExporter();
                }
            });

        builder.Services
            .AddApplicationInsightsTelemetryWorkerService()
            .ConfigureFunctionsApplicationInsights();

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
}
