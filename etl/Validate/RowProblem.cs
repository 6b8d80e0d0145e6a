using AttendanceGraph.Etl.Model;

namespace AttendanceGraph.Etl.Validate;

/// <summary>
/// What a row rule found wrong with a row: the column to blame, the reason and the detail the report prints. The
/// readers (etl/Read) turn text into values and report a problem with the file, line and raw row it came from; the
/// rules here decide what a valid row is. A rule returns null for a row it accepts.
/// </summary>
public readonly record struct RowProblem(string Column, RejectionReason Reason, string Detail)
{
    public static RowProblem Missing(string column) => new(column, RejectionReason.MissingValue, $"{column} is empty");

    /// <summary>A date rule's finding, blamed on the column the date came from.</summary>
    public static RowProblem? At(string column, DateRejection? problem) =>
        problem is { } p ? new RowProblem(column, p.Reason, p.Detail) : null;
}

/// <summary>Rules every kind of file shares.</summary>
public static class RowRules
{
    /// <summary>A text column that must hold something.</summary>
    public static RowProblem? Required(string column, string value) => value.Length == 0 ? RowProblem.Missing(column) : null;

    /// <summary>An end date before the start date of the same row.</summary>
    public static RowProblem? EndBeforeStart(string column, string endName, DateOnly? end, string startName, DateOnly start) =>
        end < start ? new RowProblem(column, RejectionReason.EndBeforeStart, $"{endName} {end:yyyy-MM-dd} is before {startName} {start:yyyy-MM-dd}") : null;
}
