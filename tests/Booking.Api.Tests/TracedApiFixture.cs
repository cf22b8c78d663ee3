using System.Diagnostics;
using Booking.Api.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Booking.Api.Tests;

/// <summary>An <see cref="ApiFixture"/> traced as the local host traces (<see cref="BookingTracingExtensions.AddBookingTracing"/>),
/// keeping every finished span in memory.</summary>
public sealed class TracedApiFixture : ApiFixture
{
    private readonly LockedList<Activity> exported = [];

    /// <summary>The spans finished so far.</summary>
    public IReadOnlyList<Activity> Spans => exported.Snapshot();

    protected override void ConfigureServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddBookingTracing(configuration, tracing => tracing.AddInMemoryExporter(exported));
}
