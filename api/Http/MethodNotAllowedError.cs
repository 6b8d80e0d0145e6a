using GraphQL;

namespace AttendanceGraph.Api.Http;

/// <summary>An HTTP verb other than GET or POST reached the endpoint.</summary>
public sealed class MethodNotAllowedError(string method)
    : ExecutionError($"HTTP method {method} is not supported; use GET for queries or POST."), IMethodNotAllowedError
{
    public string Allow => "GET, POST";
}
