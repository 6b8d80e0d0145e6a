using GraphQL;
using GraphQL.Transport;

namespace AttendanceGraph.Api.Http;

/// <summary>Exactly one of the two is set: the parsed request, or why the HTTP request was not one.</summary>
internal readonly record struct GraphQLRequestOrError(GraphQLRequest? Request, ExecutionError? Error);
