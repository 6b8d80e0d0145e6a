using GraphQL;

namespace AttendanceGraph.Api.Http;

/// <summary>The POST body is in a media type the transport does not read.</summary>
public sealed class UnsupportedMediaTypeError(string message) : ExecutionError(message);
