using AttendanceGraph.Etl.Validate;

namespace AttendanceGraph.Etl.Pipeline;

/// <summary>
/// Nothing was published: the batch had rejected input and --skip-invalid was not given, or with --skip-invalid
/// every file and row was rejected, so there was nothing valid left to load.
/// </summary>
public sealed class BatchRejectedException(ValidationReport report, string headline = BatchRejectedException.InvalidInput)
    : Exception($"{headline}:\n{report.ToSummary()}")
{
    public const string InvalidInput = "the batch was rejected, nothing was loaded";
    public const string NothingValid = "nothing valid remains: every file and row given was rejected, nothing was published";

    public ValidationReport Report { get; } = report;
}
