using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Booking.Api.Http;

public static class GraphQLHttpServiceCollectionExtensions
{
    /// <summary>Registers the GraphQL-over-HTTP transport for <typeparamref name="TSchema"/>; the application registers
    /// the schema, its <see cref="IGraphQLUserContextBuilder"/> and configures <see cref="GraphQLHttpOptions"/>.</summary>
    public static IServiceCollection AddGraphQLHttp<TSchema>(this IServiceCollection services)
        where TSchema : ISchema
    {
        services.AddOptions<GraphQLHttpOptions>();
        services.TryAddSingleton<GraphQLHttpHandler<TSchema>>();
        return services;
    }
}
