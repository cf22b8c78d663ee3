using Booking.Core.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Booking.Api.Telemetry;

public static class BookingMetricsExtensions
{
    /// <summary>Listens to the product's own metrics (<see cref="BookingMetrics"/>, the API's among them). Each host adds
    /// its HTTP instrumentation and exporter.</summary>
    public static MeterProviderBuilder AddBookingMeters(this MeterProviderBuilder metrics) =>
        metrics.AddMeter(BookingMetrics.MeterName);

    /// <summary>
    /// Metrics for a plain ASP.NET Core host (the local host): the booking metrics and ASP.NET Core's request metrics,
    /// exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; the exporter reads
    /// <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> (grpc or http/protobuf) itself. <paramref name="configure"/> adds more,
    /// such as a test's in-memory exporter.
    /// </summary>
    public static IServiceCollection AddBookingMetrics(this IServiceCollection services, IConfiguration configuration, Action<MeterProviderBuilder>? configure = null)
    {
        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddBookingMeters().AddAspNetCoreInstrumentation();
            if (!string.IsNullOrEmpty(configuration[BookingTracingExtensions.OtlpEndpointSetting]))
            {
                metrics.AddOtlpExporter();
            }

            configure?.Invoke(metrics);
        });
        return services;
    }
}
