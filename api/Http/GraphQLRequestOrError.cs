using GraphQL;
using GraphQL.Transport;
using AttendanceGraph.Api.Http.Persisted;

namespace AttendanceGraph.Api.Http;

/// <summary>
/// Exactly one of the first two is set: the parsed request, or why the HTTP request was not one. Persisted is the
/// stored document the request named by documentId (null when it sent its own text).
/// </summary>
internal readonly record struct GraphQLRequestOrError(GraphQLRequest? Request, ExecutionError? Error, PersistedDocument? Persisted = null);
