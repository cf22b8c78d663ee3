using Booking.Api;
using Booking.Api.Access;
using Booking.Api.Health;
using Booking.Api.Payments;
using Booking.Api.Telemetry;
using Booking.Core;
using Booking.Core.Records;
using Booking.Core.Reservations;
using Booking.Engine;
using Booking.LocalHost.Security;
using Booking.LocalHost.Seeding;
using Booking.LocalHost.Scheduling;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Booking.LocalHost;

public static class LocalHostServiceCollectionExtensions
{
    /// <summary>Everything the local host runs: the shared domain and API, tracing and metrics, the local durable engine with the
    /// reservation workflow, sample data, the sweeper, the history purge and the API key check.</summary>
    public static IServiceCollection AddBookingLocalHost(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBookingCore(configuration);
        services.AddBookingApi();
        services.AddBookingTracing(configuration);
        services.AddBookingMetrics(configuration);

        // Bounded shutdown: work in hand finishes or is left for the next start (it is durable), never a hang.
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(10));
        services.AddOptions<ApiKeyOptions>().Bind(configuration.GetSection(ApiKeyOptions.SectionName));

        // With no key configured at all, a developer tries the whole flow with curl, operator fields included; any
        // key (or an explicit setting) ends that.
        services.PostConfigure<OperatorAccessOptions>(operators =>
        {
            var noKeyAtAll = string.IsNullOrEmpty(configuration[$"{ApiKeyOptions.SectionName}:{nameof(ApiKeyOptions.ApiKey)}"])
                && string.IsNullOrEmpty(operators.OperatorKey);
            if (noKeyAtAll && configuration[$"{OperatorAccessOptions.SectionName}:{nameof(OperatorAccessOptions.OperatorFieldsWithoutKey)}"] is null)
            {
                operators.OperatorFieldsWithoutKey = true;
            }
        });
        services.AddOptions<CorsOptions>().Bind(configuration.GetSection(CorsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CorsOptions>, CorsOptionsValidator>();
        services.AddCors();
        services.AddSampleApartments(configuration);

        // Registered after the seeder so the table exists before the engine's first activity runs.
        services.AddLocalDurableEngine(configuration, registry => registry.AddReservationWorkflow());
        services.AddHostedService<OrphanedHoldSweepService>();
        services.AddHostedService<ReservationHistoryPurgeService>();
        return services;
    }

    /// <summary>The seeder alone, for <c>--seed-only</c> (the emulators-only path before <c>func start</c>).</summary>
    public static IServiceCollection AddSampleApartments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SampleApartmentsOptions>().Bind(configuration.GetSection(SampleApartmentsOptions.SectionName));
        services.AddHostedService<SampleApartmentsSeeder>();
        return services;
    }

    /// <summary>Runs the record backfill over the whole task hub, batch after batch, saying how far it got.</summary>
    public static async Task BackfillReservationRecordsAsync(this IServiceProvider services, TextWriter progress)
    {
        await services.EnsureBookingTablesAsync();
        var backfill = services.GetRequiredService<ReservationRecordBackfill>();
        var client = services.GetRequiredService<DurableTaskClient>();
        string? continuationToken = null;
        do
        {
            var batch = await backfill.RunBatchAsync(client, continuationToken);
            await progress.WriteLineAsync($"Backfill: {batch.Examined} reservation workflows examined, {batch.Written} records written.");
            continuationToken = batch.ContinuationToken;
        }
        while (continuationToken is not null);
    }

    /// <summary>Serves the shared GraphQL handler at /api/graphql, the health check at /api/health and the payment
    /// webhook at /api/payments/webhook, the routes the Function App uses; like there, the last two need no key, and
    /// CORS is answered before the key is checked (a browser's preflight carries no key).</summary>
    public static WebApplication MapBookingApi(this WebApplication app)
    {
        var origins = app.Services.GetRequiredService<IOptions<CorsOptions>>().Value.Origins;
        app.UseCors(policy =>
        {
            policy.WithMethods(HttpMethods.Get, HttpMethods.Post).AllowAnyHeader();
            if (origins.Contains("*"))
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins([.. origins]);
            }
        });

        // The health check needs no key, and the payment provider signs its webhooks instead of carrying one.
        var health = "/api/" + HealthEndpoint.Route;
        var webhook = "/api/" + PaymentWebhookEndpoint.Route;
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments(health) && !context.Request.Path.StartsWithSegments(webhook),
            keyed => keyed.UseMiddleware<ApiKeyMiddleware>());
        app.Map("/api/graphql", (HttpContext context, Api.Http.GraphQLHttpHandler<Api.Schema.BookingSchema> handler) => handler.HandleAsync(context));
        app.Map(health, (HttpContext context, HealthEndpoint endpoint, DurableTaskClient client) => endpoint.HandleAsync(context, client));
        app.Map(webhook, (HttpContext context, PaymentWebhookEndpoint endpoint, DurableTaskClient client) => endpoint.HandleAsync(context, client));
        return app;
    }
}
