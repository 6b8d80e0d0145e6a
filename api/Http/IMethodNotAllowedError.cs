namespace AttendanceGraph.Api.Http;

/// <summary>
/// Marks errors answered with 405; the Allow header value travels with the error because it differs
/// between an unsupported verb (GET, POST) and a mutation sent by GET (POST only).
/// </summary>
public interface IMethodNotAllowedError
{
    string Allow { get; }
}
