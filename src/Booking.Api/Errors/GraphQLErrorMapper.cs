using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Booking.Core.Validation;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation.Errors.Custom;
using GraphQLParser.Exceptions;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Booking.Api.Errors;

/// <summary>
/// Turns exceptions thrown by resolvers into GraphQL errors: the client's own mistakes keep their message and get a
/// code; a store that cannot be reached is SERVICE_UNAVAILABLE (retryable): DynamoDB, its table, or the task hub
/// behind the Functions host's durable client (a gRPC call from the worker, so an <see cref="RpcException"/>); anything
/// else is logged and answered with a generic INTERNAL_SERVER_ERROR, so internals never reach the client.
/// </summary>
public sealed partial class GraphQLErrorMapper(ILogger<GraphQLErrorMapper> logger)
{
    public Task MapAsync(UnhandledExceptionContext context)
    {
        context.Exception = Map(context.OriginalException, context.FieldContext?.FieldDefinition.Name);
        return Task.CompletedTask;
    }

    private ExecutionError Map(Exception exception, string? field)
    {
        switch (exception)
        {
            case InputValidationException invalid:
                var error = new ExecutionError(invalid.Message) { Code = ApiErrorCodes.BadUserInput };
                if (!string.IsNullOrEmpty(invalid.Field))
                {
                    error.Extensions = new Dictionary<string, object?> { ["argument"] = invalid.Field };
                }

                return error;
            case ApiException refused:
                return new ExecutionError(refused.Message) { Code = refused.Code };
            case GraphQLMaxDepthExceededException:
                // The parser stops before its recursion could overflow the stack; GraphQL.NET passes that on as
                // unhandled, but it is the document's fault, so it is a document error (400), not a 500.
                return new ComplexityError("The document is nested too deeply to parse; flatten its selections, lists or input objects.")
                {
                    Code = ApiErrorCodes.QueryTooComplex,
                };
            case AmazonServiceException amazon when (int)amazon.StatusCode >= 500 || IsThrottling(amazon):
                return Unavailable(field, exception);
            case ResourceNotFoundException:
                // The table is missing: a deployment fault the client can do nothing about, and one an operator must
                // see (the log names it), not a bug in the code.
                return Unavailable(field, exception);
            case RpcException rpc when IsTransient(rpc.StatusCode):
                return Unavailable(field, exception);
            case AmazonClientException or HttpRequestException or TimeoutException or TaskCanceledException:
                return Unavailable(field, exception);
            default:
                LogInternal(logger, field, exception);
                return Internal();
        }
    }

    private ExecutionError Unavailable(string? field, Exception exception)
    {
        LogUnavailable(logger, field, exception.GetType().Name, exception.Message);
        return new ExecutionError("The booking store could not be reached; try again shortly. Repeating a reservationId never books twice.")
        {
            Code = ApiErrorCodes.ServiceUnavailable,
        };
    }

    private static bool IsThrottling(AmazonServiceException exception) =>
        exception.ErrorCode is "ThrottlingException" or "ProvisionedThroughputExceededException" or "RequestLimitExceeded";

    // The Functions host answers Unknown or Internal when its own storage call failed, and Unavailable or
    // DeadlineExceeded when it cannot be reached; InvalidArgument, NotFound and the like would be our own mistakes.
    private static bool IsTransient(StatusCode code) =>
        code is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Aborted
            or StatusCode.Internal or StatusCode.Unknown;

    private static ExecutionError Internal() =>
        new("The server failed to answer this field; the failure has been logged.") { Code = ApiErrorCodes.InternalServerError };

    [LoggerMessage(Level = LogLevel.Error, Message = "GraphQL field {Field} failed unexpectedly")]
    private static partial void LogInternal(ILogger logger, string? field, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GraphQL field {Field} could not reach a backing service: {ExceptionType}: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string? field, string exceptionType, string reason);
}
