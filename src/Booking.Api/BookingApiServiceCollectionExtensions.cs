using System.Text.Encodings.Web;
using Booking.Api.Access;
using Booking.Api.Errors;
using Booking.Api.Health;
using Booking.Api.Http;
using Booking.Api.Payments;
using Booking.Api.Schema;
using Booking.Api.Services;
using GraphQL;
using GraphQL.Validation.Errors.Custom;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Booking.Api;

public static class BookingApiServiceCollectionExtensions
{
    /// <summary>
    /// Registers the GraphQL schema, its executer with the request limits, the error mapping, the apartment service
    /// <see cref="GraphQLHttpHandler"/> and <see cref="HealthEndpoint"/>. Needs <c>AddBookingCore</c> for the store and options.
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
        services.TryAddSingleton<GraphQLHttpHandler>();
        services.TryAddSingleton<HealthEndpoint>();
        services.AddOptions<PaymentWebhookOptions>().BindConfiguration(PaymentWebhookOptions.SectionName)
            .Validate(
                o => o.SignatureTolerance > TimeSpan.Zero && o.SignatureTolerance <= TimeSpan.FromHours(1),
                $"{PaymentWebhookOptions.SectionName}:{nameof(PaymentWebhookOptions.SignatureTolerance)} must be more than zero and at most 01:00:00.")
            .ValidateOnStart();
        services.TryAddSingleton<PaymentWebhookEndpoint>();

        services.AddGraphQL(graphQL => graphQL
            .AddSchema<BookingSchema>()
            .AddGraphTypes(typeof(BookingSchema).Assembly)
            .AddValidationRule(KnownOperationTypesRule.Instance)
            .AddValidationRule(OperatorFieldsRule.Instance)
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
                complexity.MaxDepth = limits.MaxDepth;
                complexity.MaxComplexity = limits.MaxComplexity;
                complexity.ValidateComplexityDelegate = context =>
                {
                    if (IsIntrospectionOnly(context.ValidationContext.Operation))
                    {
                        context.Error = context.MaxDepth > limits.MaxIntrospectionDepth
                            ? new ComplexityError($"Introspection is too nested to execute: {context.MaxDepth} levels; the maximum is {limits.MaxIntrospectionDepth}.")
                            : null;
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

    private static bool IsIntrospectionOnly(GraphQLOperationDefinition? operation) =>
        operation is { Operation: OperationType.Query }
        && operation.SelectionSet.Selections.All(s => s is GraphQLField field && field.Name.Value.Span.StartsWith("__", StringComparison.Ordinal));
}
