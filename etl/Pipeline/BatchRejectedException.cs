using AttendanceGraph.Etl.Validate;

namespace AttendanceGraph.Etl.Pipeline;

/// <summary>The batch had invalid rows and --skip-invalid was not given: nothing was loaded.</summary>
public sealed class BatchRejectedException(ValidationReport report)
    : Exception($"the batch was rejected, nothing was loaded:\n{report.ToSummary()}")
{
    public ValidationReport Report { get; } = report;
}
