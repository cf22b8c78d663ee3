using Booking.Api.Errors;
using Booking.GraphiQL;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQL.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Booking.Api.Http;

/// <summary>
/// The GraphQL-over-HTTP endpoint on an ASP.NET Core <see cref="HttpContext"/>, shared by every host. Status codes:
/// 200 once the operation ran (field errors included); 400 for a request that is not well-formed, and, when the answer
/// is application/graphql-response+json, for a document that does not parse or validate (limits included) or variables
/// that do not coerce (200 with errors in application/json); 405 for other methods and for a mutation or a token over GET; 406, 413 and 415 for the
/// Accept header, body size and Content-Type; 500 only for a fault of the server's own. It knows a schema and
/// <see cref="IGraphQLUserContextBuilder"/>, nothing of the application behind them.
/// </summary>
public sealed partial class GraphQLHttpHandler<TSchema>(
    IDocumentExecuter<TSchema> executer,
    IGraphQLTextSerializer serializer,
    IGraphQLUserContextBuilder userContextBuilder,
    IOptions<GraphQLHttpOptions> options,
    ILogger<GraphQLHttpHandler<TSchema>> logger)
    where TSchema : ISchema
{
    private const string AllowedMethods = "GET, POST";

    private readonly GraphQLRequestReader reader = new(serializer);

    private readonly IValidationRule[] getOnlyRules = [QueriesOnlyOverGetRule.Instance, new PostOnlyArgumentsRule(options.Value.PostOnlyArguments)];

    private IValidationRule[] GetRules => field ??= [.. DocumentValidator.CoreRules, .. getOnlyRules];

    /// <summary>Answers one request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await HandleCoreAsync(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            LogUnexpected(logger, e);
            context.Response.Clear();
            await WriteProblemAsync(
                context,
                GraphQLMediaTypes.Json,
                new HttpProblem(StatusCodes.Status500InternalServerError, ApiErrorCodes.InternalServerError, "The server failed to handle the request; the failure has been logged."));
        }
    }

    private async Task HandleCoreAsync(HttpContext context)
    {
        var request = context.Request;
        var isGet = HttpMethods.IsGet(request.Method);
        if (!isGet && !HttpMethods.IsPost(request.Method))
        {
            var mediaType = GraphQLMediaTypes.Negotiate(request.Headers.Accept) ?? GraphQLMediaTypes.Json;
            await WriteProblemAsync(context, mediaType, new HttpProblem(
                StatusCodes.Status405MethodNotAllowed,
                ApiErrorCodes.MethodNotAllowed,
                $"{request.Method} is not supported here; send queries with GET or POST and mutations with POST.",
                AllowedMethods));
            return;
        }

        if (options.Value.EnableGraphiQL && GraphiQLPage.IsWanted(request))
        {
            await GraphiQLPage.WriteAsync(context.Response, context.RequestAborted);
            return;
        }

        if (GraphQLMediaTypes.Negotiate(request.Headers.Accept) is not { } responseType)
        {
            // The response cannot be in a type the client accepts, so it is plain JSON, which a person can still read.
            await WriteProblemAsync(context, GraphQLMediaTypes.Json, new HttpProblem(
                StatusCodes.Status406NotAcceptable,
                ApiErrorCodes.NotAcceptable,
                $"Responses are {GraphQLMediaTypes.GraphQLResponseJson} or {GraphQLMediaTypes.Json}; the Accept header '{request.Headers.Accept}' allows neither."));
            return;
        }

        var (graphQLRequest, problem) = isGet
            ? reader.ReadGet(request.Query)
            : await reader.ReadPostAsync(request, options.Value.MaxRequestBytes);
        if (problem is not null)
        {
            await WriteProblemAsync(context, responseType, problem);
            return;
        }

        var result = await ExecuteAsync(context, graphQLRequest!, isGet);
        var response = context.Response;
        response.StatusCode = StatusOf(result, responseType);
        if (response.StatusCode == StatusCodes.Status405MethodNotAllowed)
        {
            response.Headers.Allow = "POST";
        }

        await WriteAsync(context, responseType, result);
    }

    private async Task<ExecutionResult> ExecuteAsync(HttpContext context, GraphQLHttpRequest request, bool isGet)
    {
        var execution = new ExecutionOptions
        {
            Query = request.Query,
            OperationName = request.OperationName,
            Variables = request.Variables ?? Inputs.Empty,
            Extensions = request.Extensions ?? Inputs.Empty,
            UserContext = await userContextBuilder.BuildAsync(context),
            RequestServices = context.RequestServices,
            User = context.User,
            CancellationToken = context.RequestAborted,
        };
        if (isGet)
        {
            execution.ValidationRules = GetRules;
            execution.CachedDocumentValidationRules = getOnlyRules;
        }

        return await executer.ExecuteAsync(execution);
    }

    /// <summary>
    /// The spec: a response with <c>data</c> (even null) is 2xx. One without is a request error (a document that does
    /// not parse or validate, variables that do not coerce): 4xx in application/graphql-response+json, but 200 in
    /// application/json, because clients of that older type read errors only from a 200. A failure of the server's
    /// own (an error that is not a document error) is 5xx in either.
    /// </summary>
    private static int StatusOf(ExecutionResult result, string responseType)
    {
        if (result.Executed)
        {
            return StatusCodes.Status200OK;
        }

        var errors = result.Errors ?? [];
        if (errors.Any(e => e is PostOnlyError))
        {
            return StatusCodes.Status405MethodNotAllowed;
        }

        if (!errors.All(e => e is DocumentError))
        {
            return StatusCodes.Status500InternalServerError;
        }

        return responseType == GraphQLMediaTypes.Json ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
    }

    private Task WriteProblemAsync(HttpContext context, string mediaType, HttpProblem problem)
    {
        context.Response.StatusCode = problem.Status;
        if (problem.Allow is not null)
        {
            context.Response.Headers.Allow = problem.Allow;
        }

        var result = new ExecutionResult { Errors = [new ExecutionError(problem.Message) { Code = problem.Code }] };
        return WriteAsync(context, mediaType, result);
    }

    private async Task WriteAsync(HttpContext context, string mediaType, ExecutionResult result)
    {
        var response = context.Response;
        response.ContentType = mediaType + "; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        await serializer.WriteAsync(response.Body, result, context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The GraphQL endpoint failed to handle a request")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
