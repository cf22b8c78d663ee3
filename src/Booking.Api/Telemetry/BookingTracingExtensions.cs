using Booking.Core.Telemetry;
using GraphQL.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Booking.Api.Telemetry;

public static class BookingTracingExtensions
{
    /// <summary>The durable runtime's spans under the local host (DurableTask.Core's TaskHubWorker).</summary>
    public const string DurableTaskCoreSource = "DurableTask.Core";

    /// <summary>OpenTelemetry's standard setting for where traces go; unset, they stay in the process.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Listens to the product's own spans (<see cref="BookingTelemetry"/>), GraphQL.NET's execution spans (operation
    /// type and name, and whether it failed) and the durable runtime's, so a reservation's trace runs from its GraphQL
    /// request through the orchestration and activities to DynamoDB. Each host adds its HTTP instrumentation and
    /// exporter.</summary>
    public static TracerProviderBuilder AddBookingSources(this TracerProviderBuilder tracing) =>
        tracing.AddSource(BookingTelemetry.SourceName, GraphQLTelemetryProvider.SourceName, DurableTaskCoreSource);

    /// <summary>
    /// Tracing for a plain ASP.NET Core host (the local host): incoming requests, the booking and durable spans, and
    /// an OTLP exporter when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (a local Jaeger or Aspire dashboard, say).
    /// <paramref name="configure"/> adds more, such as a test's in-memory exporter.
    /// </summary>
    public static IServiceCollection AddBookingTracing(this IServiceCollection services, IConfiguration configuration, Action<TracerProviderBuilder>? configure = null)
    {
        services.AddOpenTelemetry().WithTracing(tracing =>
        {
            tracing.AddBookingSources().AddAspNetCoreInstrumentation();
            if (!string.IsNullOrEmpty(configuration[OtlpEndpointSetting]))
            {
                tracing.AddOtlpExporter();
            }

            configure?.Invoke(tracing);
        });
        return services;
    }
}
