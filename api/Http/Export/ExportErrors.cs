using GraphQL;

namespace AttendanceGraph.Api.Http.Export;

/// <summary>CSV or Parquet was asked for a result that is not one list of scalar rows (answered 406).</summary>
public sealed class NotFlatError : ExecutionError
{
    public NotFlatError(string why)
        : base($"This result cannot be exported as a table: {why}. Ask for JSON, or select one list of scalar fields.") =>
        Code = "NOT_FLAT";
}

/// <summary>The export would stream more rows than GraphQL:Export:MaxRows (answered 400 before any row is sent).</summary>
public sealed class ExportTooLargeError : ExecutionError
{
    public ExportTooLargeError(int rows, int maxRows)
        : base($"The export has {rows} rows, more than the {maxRows} one export may stream; narrow the period or filters.") =>
        Code = "EXPORT_TOO_LARGE";
}
