using GraphQL;

namespace Booking.Api.Http;

/// <summary>The parameters of a well-formed GraphQL-over-HTTP request.</summary>
internal sealed record GraphQLHttpRequest(string Query, string? OperationName, Inputs? Variables, Inputs? Extensions);
