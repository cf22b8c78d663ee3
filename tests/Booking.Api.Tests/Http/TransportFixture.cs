using System.Text.Encodings.Web;
using Booking.Api.Http;
using Booking.Testing;
using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Booking.Api.Tests.Http;

/// <summary>
/// The GraphQL-over-HTTP transport alone, in this process, over a tiny schema of its own: no emulators, no booking
/// services. <c>hello(name)</c> to query, <c>echo(text)</c> to mutate, <c>whisper(secret)</c> with a POST-only argument.
/// </summary>
public class TransportFixture : GraphQLEndpoint, IAsyncLifetime
{
    public const int MaxRequestBytes = 8 * 1024;

    public const string SecretArgument = "secret";

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddGraphQL(graphQL => graphQL
            .AddSchema<TinySchema>()
            .AddValidationRule(KnownOperationTypesRule.Instance)
            .AddSystemTextJson(json => json.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .AddErrorInfoProvider(errors => errors.ExposeCodes = false));
        builder.Services.AddGraphQLHttp<TinySchema>();
        builder.Services.AddSingleton<IGraphQLUserContextBuilder, EmptyUserContext>();
        builder.Services.Configure<GraphQLHttpOptions>(options =>
        {
            options.MaxRequestBytes = MaxRequestBytes;
            options.PostOnlyArguments = [SecretArgument];
            Configure(options);
        });
        var app = builder.Build();
        var handler = app.Services.GetRequiredService<GraphQLHttpHandler<TinySchema>>();
        app.Map("/api/graphql", handler.HandleAsync);
        await StartAsync(app, port);
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
    }

    /// <summary>Changes the transport's options before the server starts.</summary>
    protected virtual void Configure(GraphQLHttpOptions options)
    {
    }

    private sealed class EmptyUserContext : IGraphQLUserContextBuilder
    {
        public ValueTask<IDictionary<string, object?>> BuildAsync(HttpContext context) => new(new Dictionary<string, object?>());
    }

    private sealed class TinySchema : GraphQL.Types.Schema
    {
        public TinySchema()
        {
            var query = new ObjectGraphType { Name = "Query" };
            query.Field<StringGraphType>("hello")
                .Argument<NonNullGraphType<StringGraphType>>("name")
                .Resolve(ctx => $"Hello, {ctx.GetArgument<string>("name")}!");
            query.Field<StringGraphType>("whisper")
                .Argument<StringGraphType>(SecretArgument)
                .Resolve(_ => "heard");
            var mutation = new ObjectGraphType { Name = "Mutation" };
            mutation.Field<StringGraphType>("echo")
                .Argument<NonNullGraphType<StringGraphType>>("text")
                .Resolve(ctx => ctx.GetArgument<string>("text"));
            Query = query;
            Mutation = mutation;
        }
    }
}
