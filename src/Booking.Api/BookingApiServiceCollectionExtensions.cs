using System.Text.Encodings.Web;
using Booking.Api.Access;
using Booking.Api.Errors;
using Booking.Api.Health;
using Booking.Api.Http;
using Booking.Api.Limits;
using Booking.Api.Payments;
using Booking.Api.Schema;
using Booking.Api.Services;
using Booking.Api.Telemetry;
using GraphQL;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Errors.Custom;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Booking.Api;

public static class BookingApiServiceCollectionExtensions
{
    /// <summary>
    /// Registers the GraphQL schema, its executer with the request limits, the error mapping, its spans and metrics
    /// (<see cref="GraphQLMetrics"/>), the apartment service, the GraphQL-over-HTTP transport with the booking user
    /// context, <see cref="HealthEndpoint"/> and the payment webhook. Needs <c>AddBookingCore</c> for the store and
    /// options.
    /// </summary>
    public static IServiceCollection AddBookingApi(this IServiceCollection services)
    {
        services.AddOptions<GraphQLApiOptions>().BindConfiguration(GraphQLApiOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GraphQLApiOptions>, GraphQLApiOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ApartmentService>();
        services.AddOptions<OperatorAccessOptions>().BindConfiguration(OperatorAccessOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OperatorAccessOptions>, OperatorAccessOptionsValidator>());
        services.TryAddSingleton<OperatorAccess>();
        services.TryAddSingleton<GraphQLErrorMapper>();
        services.AddGraphQLHttp<BookingSchema>();
        services.TryAddSingleton<IGraphQLUserContextBuilder, BookingUserContextBuilder>();
        services.AddOptions<GraphQLHttpOptions>().Configure<IOptions<GraphQLApiOptions>>((http, api) =>
        {
            http.MaxRequestBytes = api.Value.MaxRequestBytes;
            http.EnableGraphiQL = api.Value.EnableGraphiQL;
            http.PostOnlyArguments = [ReservationToken.ArgumentName];
            http.TrustedDocumentsOnly = api.Value.TrustedDocumentsOnly;
            http.TrustedDocuments = string.IsNullOrWhiteSpace(api.Value.TrustedDocumentsFile)
                ? new Dictionary<string, string>()
                : TrustedDocumentsManifest.Read(api.Value.TrustedDocumentsFile);
        });
        services.TryAddSingleton<HealthEndpoint>();
        services.AddOptions<PaymentWebhookOptions>().BindConfiguration(PaymentWebhookOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PaymentWebhookOptions>, PaymentWebhookOptionsValidator>());
        services.TryAddSingleton<PaymentWebhookEndpoint>();

        services.AddGraphQL(graphQL => graphQL
            .AddSchema<BookingSchema>()
            .AddGraphTypes(typeof(BookingSchema).Assembly)
            .AddUnhandledExceptionHandler((context, execution) => execution.RequestServices!.GetRequiredService<GraphQLErrorMapper>().MapAsync(context))
            .AddValidationRule(KnownOperationTypesRule.Instance)
            // Rules that depend on the request run for cached documents too; the others, only on a document's first run.
            .AddValidationRule(OperatorFieldsRule.Instance, useForCachedDocuments: true)
            .AddValidationRule(RootFieldsRule.Instance)
            .AddValidationRule(OneReservationRule.Instance)
            // Spans of the execution, named by operation; the document stays out of them, as its literals may carry a token.
            .UseTelemetry(telemetry => telemetry.RecordDocument = false)
            .ConfigureExecution<GraphQLMetrics>()
            // Relaxed escaping keeps messages readable (' instead of \u0027); responses are JSON, never inlined in HTML.
            .AddSystemTextJson(json => json.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .AddErrorInfoProvider(errors =>
            {
                // Codes only: an exception type list or data bag would be noise to a client, and could leak internals.
                errors.ExposeCodes = false;
                errors.ExposeData = false;
                errors.ExposeExceptionDetails = false;
            })
            .AddComplexityAnalyzer((complexity, provider) =>
            {
                var limits = provider.GetRequiredService<IOptions<GraphQLApiOptions>>().Value;
                complexity.MaxComplexity = limits.MaxComplexity;
                var priced = complexity.DefaultComplexityImpactDelegate;
                complexity.DefaultComplexityImpactDelegate = field => IsIntrospection(field) ? new(IntrospectionImpact, IntrospectionImpact) : priced(field);
                complexity.ValidateComplexityDelegate = context =>
                {
                    // Depth is checked here rather than by the analyzer, because introspection alone may go deeper.
                    if (IsIntrospectionOnly(context.ValidationContext.Operation))
                    {
                        if (context.MaxDepth > limits.MaxIntrospectionDepth)
                        {
                            context.Error = new ComplexityError($"Introspection is too nested to execute: {context.MaxDepth} levels; the maximum is {limits.MaxIntrospectionDepth}.");
                        }
                    }
                    else if (context.MaxDepth > limits.MaxDepth)
                    {
                        context.Error = new ComplexityError($"Query is too nested to execute. Maximum depth is {context.MaxDepth} levels; maximum allowed on this endpoint is {limits.MaxDepth}.");
                    }

                    if (context.Error is not null)
                    {
                        context.Error.Code = ApiErrorCodes.QueryTooComplex;
                    }

                    return Task.CompletedTask;
                };
            }));
        return services;
    }

    /// <summary>
    /// What a field under <c>__schema</c> or <c>__type</c> costs against the price of a data field: introspection reads
    /// the schema in memory, never the store, so GraphiQL's full introspection query fits in the default limit several
    /// times over, while a document of dozens of full schema walks does not.
    /// </summary>
    private const double IntrospectionImpact = 0.001;

    private static bool IsIntrospection(FieldImpactContext field) =>
        field.FieldDefinition == field.ValidationContext.Schema.SchemaMetaFieldType
        || field.FieldDefinition == field.ValidationContext.Schema.TypeMetaFieldType;

    private static bool IsIntrospectionOnly(GraphQLOperationDefinition? operation) =>
        operation is { Operation: OperationType.Query }
        && operation.SelectionSet.Selections.All(s => s is GraphQLField field && field.Name.Value.Span.StartsWith("__", StringComparison.Ordinal));
}
