using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Booking.Api.Http;
using Microsoft.AspNetCore.Builder;

namespace Booking.Api.Tests;

/// <summary>A GraphQL endpoint served by a test fixture, called over HTTP as a client calls it.</summary>
public abstract class GraphQLEndpoint
{
    /// <summary>A client whose base address is the server's <c>/api/</c>.</summary>
    public HttpClient Http { get; protected set; } = null!;

    private WebApplication? app;

    /// <summary>Starts <paramref name="started"/>, built to serve on <paramref name="port"/>, and points <see cref="Http"/> at it.</summary>
    protected async Task StartAsync(WebApplication started, int port)
    {
        app = started;
        await app.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/api/") };
    }

    /// <summary>Stops the server and its client.</summary>
    protected async Task StopAsync()
    {
        Http?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>POSTs a GraphQL request as JSON, as a client (no operator key), accepting the spec's response type unless
    /// told otherwise.</summary>
    public Task<GraphQLHttpResponse> PostAsync(string query, object? variables = null, string? operationName = null, string accept = GraphQLMediaTypes.GraphQLResponseJson)
    {
        var body = JsonSerializer.Serialize(new { query, variables, operationName });
        return PostRawAsync(body, GraphQLMediaTypes.Json, accept);
    }

    public async Task<GraphQLHttpResponse> PostRawAsync(string body, string? contentType, string? accept = GraphQLMediaTypes.GraphQLResponseJson)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "graphql") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return await SendAsync(request, accept);
    }

    public async Task<GraphQLHttpResponse> GetAsync(string queryString, string? accept = GraphQLMediaTypes.GraphQLResponseJson)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "graphql?" + queryString);
        return await SendAsync(request, accept);
    }

    public async Task<GraphQLHttpResponse> SendAsync(HttpRequestMessage request, string? accept)
    {
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await Http.SendAsync(request);
        return await GraphQLHttpResponse.ReadAsync(response);
    }
}
