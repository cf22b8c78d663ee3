using GraphQL;

namespace Booking.Api.Http;

/// <summary>The parameters of a well-formed GraphQL-over-HTTP request. <see cref="Query"/> is null only when the
/// request names a persisted document by its hash instead (<see cref="PersistedQueries"/>).</summary>
internal sealed record GraphQLHttpRequest(string? Query, string? OperationName, Inputs? Variables, Inputs? Extensions);
