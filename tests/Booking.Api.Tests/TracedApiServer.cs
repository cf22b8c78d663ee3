using System.Collections.ObjectModel;
using System.Diagnostics;
using Booking.Api.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Booking.Api.Tests;

/// <summary>An <see cref="ApiServer"/> traced as the local host traces (<see cref="BookingTracingExtensions.AddBookingTracing"/>),
/// keeping every finished span in memory.</summary>
public sealed class TracedApiServer : ApiServer
{
    private readonly SpanList exported = [];

    /// <summary>The spans finished so far.</summary>
    public IReadOnlyList<Activity> Spans => exported.Snapshot();

    protected override void ConfigureServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddBookingTracing(configuration, tracing => tracing.AddInMemoryExporter(exported));

    /// <summary>The exporter adds from whichever thread ends a span, while the test reads.</summary>
    private sealed class SpanList : Collection<Activity>
    {
        private readonly Lock gate = new();

        public List<Activity> Snapshot()
        {
            lock (gate)
            {
                return [.. Items];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (gate)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
