using GraphQL;

namespace AttendanceGraph.Api.Http;

/// <summary>The Accept header excludes every media type the transport can answer in.</summary>
public sealed class NotAcceptableError(string message) : ExecutionError(message);
