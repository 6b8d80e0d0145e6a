using GraphQL;

namespace AttendanceGraph.Api.Http;

/// <summary>The HTTP request is not a well-formed GraphQL-over-HTTP request (bad JSON, bad parameter shapes).</summary>
public sealed class InvalidRequestError(string message) : ExecutionError(message);
