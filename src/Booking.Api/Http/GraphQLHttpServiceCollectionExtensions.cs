using GraphQL.DI;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Booking.Api.Http;

public static class GraphQLHttpServiceCollectionExtensions
{
    /// <summary>Registers the GraphQL-over-HTTP transport for <typeparamref name="TSchema"/>, with persisted documents
    /// and a cache of validated documents; the application registers
    /// the schema, its <see cref="IGraphQLUserContextBuilder"/> and configures <see cref="GraphQLHttpOptions"/>.</summary>
    public static IServiceCollection AddGraphQLHttp<TSchema>(this IServiceCollection services)
        where TSchema : ISchema
    {
        services.AddOptions<GraphQLHttpOptions>();
        services.TryAddSingleton<GraphQLHttpHandler<TSchema>>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureExecution, PersistedQueries>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureExecution, DocumentCache>());
        return services;
    }
}
