using AttendanceGraph.Etl.Model;

namespace AttendanceGraph.Etl.Validate;

/// <summary>
/// Row rules of enrolments (the pupils file, and the enrolments DfE pupil-level rows describe): the entry date not
/// too far ahead and the leaving date not before 2006/07 (<see cref="DateRules"/>), leaving not before entry, and
/// one row per pupil, school and entry date.
/// </summary>
public sealed class EnrolmentRules(DateRules dates)
{
    private readonly HashSet<(string, int, DateOnly)> keys = [];

    public RowProblem? Dates(DateOnly entry, DateOnly? leaving) =>
        RowProblem.At("entry_date", dates.StartProblem("entry date", entry))
        ?? (leaving is { } left ? RowProblem.At("leaving_date", dates.EndProblem("leaving date", left)) : null)
        ?? RowRules.EndBeforeStart("leaving_date", "leaving date", leaving, "entry date", entry);

    /// <summary>An enrolment an earlier loaded row of this batch gave (<see cref="Claim"/>).</summary>
    public RowProblem? Repeated(string upn, int urn, DateOnly entry) =>
        keys.Contains((upn, urn, entry))
            ? new RowProblem("upn", RejectionReason.DuplicateRow, $"enrolment of {upn} at {urn} from {entry:yyyy-MM-dd} appears more than once")
            : null;

    /// <summary>
    /// Takes an enrolment once its row loads: a pupils-file row, or the enrolment DfE pupil-level rows describe unless a
    /// pupils-file row of this batch already gave it (the school's own system describes it better). True when it is
    /// taken. Only a row that loads takes it: a pupils-file row rejected later (a bad characteristic, under
    /// --skip-invalid) must leave the enrolment to the DfE rows, or their pupil would have totals but no pupils row.
    /// </summary>
    public bool Claim((string Upn, int Urn, DateOnly Entry) key) => keys.Add(key);
}
