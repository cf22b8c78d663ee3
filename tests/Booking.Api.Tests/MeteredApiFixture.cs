using Booking.Api.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Booking.Api.Tests;

/// <summary>An <see cref="ApiFixture"/> metered as the local host meters (<see cref="BookingMetricsExtensions.AddBookingMetrics"/>),
/// exporting its running totals to memory every few hundred milliseconds.</summary>
public sealed class MeteredApiFixture : ApiFixture
{
    private readonly LockedList<MetricSnapshot> exported = [];

    /// <summary>The latest export of the metric <paramref name="name"/>; null before its first measurement.</summary>
    public MetricSnapshot? Latest(string name) => exported.Snapshot().LastOrDefault(m => m.Name == name);

    protected override void ConfigureServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddBookingMetrics(configuration, metrics => metrics.AddInMemoryExporter(exported, reader =>
        {
            reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative;
            reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 200;
        }));
}
