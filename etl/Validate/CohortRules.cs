using AttendanceGraph.Etl.Model;
using AttendanceGraph.Schema.Cohorts;

namespace AttendanceGraph.Etl.Validate;

/// <summary>
/// Row rules of the LA's cohort definitions (its own cohorts: a key of the right shape, not a statutory cohort's,
/// declared once) and of cohort memberships (a statutory cohort or one declared in this batch or an earlier load,
/// dates within <see cref="DateRules"/>, end not before start, one row per pupil, cohort and start date).
/// </summary>
public sealed class CohortRules(DateRules dates, ExistingWarehouseState existing)
{
    /// <summary>LA cohort keys declared in this batch, with where: a second declaration names the first.</summary>
    private readonly Dictionary<string, (string Path, long Line)> declared = new(StringComparer.Ordinal);
    private readonly HashSet<(string, string, DateOnly)> memberships = [];

    /// <summary>A definition's key, normalised; a problem when it is empty or of the wrong shape.</summary>
    public static RowProblem? Key(string text, out string key)
    {
        key = "";
        if (text.Trim().Length == 0) return RowProblem.Missing("cohort");
        key = CohortKey.Normalise(text);
        return CohortKey.Problem(key) is { } problem
            ? new RowProblem("cohort", RejectionReason.BadCohortKey, $"{LineExcerpt.Quote(text)}: {problem}")
            : null;
    }

    /// <summary>A key declared by an earlier row of this batch; otherwise it is declared here, at this file and line.</summary>
    public RowProblem? Redeclared(string key, string path, long line)
    {
        if (declared.TryGetValue(key, out var first))
            return new RowProblem("cohort", RejectionReason.DuplicateRow, $"cohort {key} is declared more than once (first at {Path.GetFileName(first.Path)} line {first.Line})");
        declared[key] = (path, line);
        return null;
    }

    /// <summary>A membership's cohort: a statutory one (any case) or a declared LA cohort (normalised).</summary>
    public RowProblem? Membership(string text, out string cohort)
    {
        var statutory = MembershipCohort.All.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
        cohort = statutory ?? CohortKey.Normalise(text);
        if (statutory is not null || declared.ContainsKey(cohort) || existing.LaCohortKeys.Contains(cohort)) return null;
        return new RowProblem("cohort", RejectionReason.UnknownCohort, $"unknown cohort {LineExcerpt.Quote(text)} (expected one of {string.Join(", ", MembershipCohort.All)}, " +
            "or an LA cohort declared in a cohort definitions file of this batch or an earlier load)");
    }

    public RowProblem? Dates(DateOnly start, DateOnly? end) =>
        RowProblem.At("start_date", dates.StartProblem("start date", start))
        ?? (end is { } ended ? RowProblem.At("end_date", dates.EndProblem("end date", ended)) : null)
        ?? RowRules.EndBeforeStart("end_date", "end date", end, "start date", start);

    /// <summary>A membership an earlier row of this batch gave; otherwise it is taken.</summary>
    public RowProblem? Repeated(string upn, string cohort, DateOnly start) =>
        memberships.Add((upn, cohort, start)) ? null
            : new RowProblem("upn", RejectionReason.DuplicateRow, $"{cohort} membership of {upn} from {start:yyyy-MM-dd} appears more than once");
}
