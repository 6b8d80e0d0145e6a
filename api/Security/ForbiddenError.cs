using GraphQL;

namespace AttendanceGraph.Api.Security;

/// <summary>The error a field answers with when the caller's role may not see it (code FORBIDDEN; other fields still answer).</summary>
public sealed class ForbiddenError : ExecutionError
{
    public const string ErrorCode = "FORBIDDEN";

    public ForbiddenError(string message) : base(message) => Code = ErrorCode;
}
