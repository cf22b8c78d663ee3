using System.Diagnostics;
using Booking.Core.Telemetry;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Booking.Infrastructure.Tests;

/// <summary>The Function App's Application Insights set-up, with the SDK's channel replaced by one that keeps what it
/// would have sent.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public void Workflow_information_line_reaches_application_insights_with_the_reservation_and_apartment_ids()
    {
        // Arrange
        var channel = new RecordingChannel();
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"] =
            "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/";
        builder.Services.AddSingleton<ITelemetryChannel>(channel);
        builder.AddBookingTelemetry();
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Booking.Core.Reservations.ReservationOrchestrator");

        // Act: the orchestrator's shape, a scope around an Information line.
        using (logger.BeginScope(new Dictionary<string, object> { ["ReservationId"] = "r-42", ["ApartmentId"] = "a-7" }))
        {
            logger.LogInformation("Apartment held until {Deadline}", "2026-01-01T00:00:00Z");
        }

        // Assert
        var trace = Assert.Single(channel.Sent.OfType<TraceTelemetry>(), item => item.Message.StartsWith("Apartment held", StringComparison.Ordinal));
        Assert.Equal(SeverityLevel.Information, trace.SeverityLevel);
        Assert.Equal("r-42", trace.Properties["ReservationId"]);
        Assert.Equal("a-7", trace.Properties["ApartmentId"]);
    }

    [Fact]
    public void Booking_spans_are_traced_by_the_workers_OpenTelemetry_with_the_reservation_and_apartment_ids()
    {
        // Arrange
        var exported = new List<Activity>();
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.AddBookingTelemetry();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(exported));
        using var host = builder.Build();
        var provider = host.Services.GetRequiredService<TracerProvider>();

        // Act: the store's shape, a client span around a DynamoDB write.
        using (BookingTelemetry.Start("UpdateItem Apartments", ActivityKind.Client, "a-7", "r-42"))
        {
        }

        provider.ForceFlush();

        // Assert
        var span = Assert.Single(exported, s => s.OperationName == "UpdateItem Apartments");
        Assert.Equal("r-42", span.GetTagItem(BookingTelemetry.ReservationIdTag));
        Assert.Equal("a-7", span.GetTagItem(BookingTelemetry.ApartmentIdTag));
    }

    private sealed class RecordingChannel : ITelemetryChannel
    {
        public List<ITelemetry> Sent { get; } = [];

        public bool? DeveloperMode { get; set; }

        public string EndpointAddress { get; set; } = string.Empty;

        public void Send(ITelemetry item)
        {
            lock (Sent)
            {
                Sent.Add(item);
            }
        }

        public void Flush()
        {
        }

        public void Dispose()
        {
        }
    }
}
