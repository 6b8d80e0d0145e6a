using GraphQL;

namespace AttendanceGraph.Api.Common;

/// <summary>A period argument that names no real period; reported as a GraphQL error with code BAD_PERIOD.</summary>
public sealed class PeriodException : ExecutionError
{
    public PeriodException(string message) : base(message) => Code = "BAD_PERIOD";
}

/// <summary>Turns the warehouse's refusal to answer from part of a week of session totals into a BAD_PERIOD error with its reason.</summary>
public static class SessionTotalsRefusal
{
    public static T AsPeriodError<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (AttendanceGraph.Schema.Measures.SessionTotalsPeriodException e)
        {
            throw new PeriodException(e.Message);
        }
    }
}
