using GraphQL;

namespace AttendanceGraph.Api.Common;

/// <summary>A period argument that names no real period; reported as a GraphQL error with code BAD_PERIOD.</summary>
public sealed class PeriodException : ExecutionError
{
    public PeriodException(string message) : base(message) => Code = "BAD_PERIOD";
}
