using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.ApplicationInsights;

// In the hosting namespace, like eShop's service defaults, so Program.cs needs no extra using for one line.
namespace Microsoft.Extensions.Hosting;

public static class BookingTelemetryExtensions
{
    /// <summary>
    /// Sends the worker's logs, traces and dependencies straight to Application Insights (the connection string comes
    /// from APPLICATIONINSIGHTS_CONNECTION_STRING; without it nothing is sent, as under local runs).
    /// </summary>
    public static FunctionsApplicationBuilder AddBookingTelemetry(this FunctionsApplicationBuilder builder)
    {
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
