using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Codes;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Pupils;

/// <summary>
/// One pupil's record, each part one parameterised query over the <see cref="PupilViewer"/>'s visible views, so every
/// part holds only what the viewer may see: identity, windows, enrolments, memberships, weekly attendance, marks.
/// </summary>
public static class PupilRecordQuery
{
    /// <summary>The pupil, or null when unknown or with no window for this viewer (the two are not told apart).</summary>
    public static PupilIdentity? Find(DuckDBConnection c, PupilViewer viewer, string upn) =>
        c.Rows(viewer.Sql("""
                SELECT pupil_id, upn, date_of_birth, sex FROM pupils
                WHERE upn = $upn AND pupil_id IN (SELECT pupil_id FROM viewer_windows)
                """), [.. viewer.Parameters, ("upn", upn)])
            .Select(r => new PupilIdentity(r.GetInt32(0), r.GetString(1), r.GetFieldValue<DateOnly>(2), r.GetString(3))).FirstOrDefault();

    public static IReadOnlyList<DateWindow> Windows(DuckDBConnection c, PupilViewer viewer, int pupilId) =>
        PupilWindowsQuery.Of(c, viewer, "$id", [("id", pupilId)]).GetValueOrDefault(pupilId) ?? [];

    public static IReadOnlyList<PupilEnrolment> Enrolments(DuckDBConnection c, PupilViewer viewer, int pupilId) =>
        c.Rows(viewer.Sql("""
                SELECT urn, entry_date, leaving_date, nc_year FROM visible_enrolments WHERE pupil_id = $id ORDER BY entry_date, urn
                """), [.. viewer.Parameters, ("id", pupilId)])
            .Select(r => new PupilEnrolment(r.GetInt32(0), r.GetFieldValue<DateOnly>(1), r.IsDBNull(2) ? null : r.GetFieldValue<DateOnly>(2), r.GetString(3)))
            .ToList();

    public static IReadOnlyList<PupilCohortMembership> Memberships(DuckDBConnection c, PupilViewer viewer, int pupilId) =>
        c.Rows(viewer.Sql("""
                SELECT cohort, start_date, end_date FROM visible_memberships WHERE pupil_id = $id ORDER BY start_date, cohort
                """), [.. viewer.Parameters, ("id", pupilId)])
            .Select(r => new PupilCohortMembership(r.GetString(0), r.GetFieldValue<DateOnly>(1), r.IsDBNull(2) ? null : r.GetFieldValue<DateOnly>(2)))
            .ToList();

    /// <summary>
    /// Week by week at each school from the visible marks (not the weekly aggregates: a window can end mid-week, and the
    /// aggregates hold whole weeks), and the visible weeks known only as DfE totals (<see cref="TotalsWeeks"/>).
    /// <paramref name="windows"/> (the pupil's, from <see cref="Windows"/>) only label each week with the days it was served for.
    /// </summary>
    public static IReadOnlyList<PupilWeek> Weeks(DuckDBConnection c, PupilViewer viewer, int pupilId, DateOnly from, DateOnly to,
        IReadOnlyList<DateWindow> windows) =>
        Marks(c, viewer, pupilId, from, to)
            .GroupBy(m => (m.Urn, Week: SchoolCalendar.MondayOf(m.Date)))
            .Select(g => new PupilWeek(g.Key.Urn, g.Key.Week, PupilPatterns.Measure(g),
                DateWindow.Clip(windows, g.Key.Week > from ? g.Key.Week : from, g.Key.Week.AddDays(6) < to ? g.Key.Week.AddDays(6) : to)))
            .Concat(TotalsWeeks(c, viewer, pupilId, from, to, windows))
            .OrderBy(w => w.WeekStart).ThenBy(w => w.Urn)
            .ToList();

    /// <summary>
    /// The pupil's visible spans of DfE session totals in [<paramref name="from"/>, <paramref name="to"/>] at schools where the
    /// pupil has no mark in them (registers win, as in the aggregates), one entry each from the span's Monday, flagged
    /// <see cref="MeasureValues.RegisterDetailUnavailable"/>. A span the range cuts through is refused, as the measures refuse
    /// it: its sessions cannot be split by day.
    /// </summary>
    private static IEnumerable<PupilWeek> TotalsWeeks(DuckDBConnection c, PupilViewer viewer, int pupilId, DateOnly from, DateOnly to,
        IReadOnlyList<DateWindow> windows)
    {
        if (!Measures.SessionTotalsCoverage.SpansTableExists(c)) return [];
        var weeks = new List<PupilWeek>();
        foreach (var r in c.Rows(viewer.Sql($"""
                SELECT t.urn, t.span_start, t.span_end, t.possible, t.present + t.aea, t.authorised, t.unauthorised
                {viewer.VisibleTotalsSql("t.pupil_id = $id AND t.span_start <= $to AND t.span_end >= $from")}
                ORDER BY t.span_start, t.urn
                """), [.. viewer.Parameters, ("id", pupilId), ("from", from), ("to", to)]))
        {
            DateOnly start = r.GetFieldValue<DateOnly>(1), end = r.GetFieldValue<DateOnly>(2);
            if (start < from || end > to)
                throw Measures.SessionTotalsPeriodException.CutsWeek($"{from:yyyy-MM-dd} to {to:yyyy-MM-dd}", start, end);
            var measures = PupilPatterns.MeasureTotals(r.GetByte(3), r.GetInt32(4), r.GetByte(5), r.GetByte(6));
            weeks.Add(new PupilWeek(r.GetInt32(0), start, measures, DateWindow.Clip(windows, start, end)));
        }
        return weeks;
    }

    public static IReadOnlyList<PupilMark> Marks(DuckDBConnection c, PupilViewer viewer, int pupilId, DateOnly from, DateOnly to) =>
        c.Rows(viewer.Sql("""
                SELECT urn, date, session, code_id FROM visible_marks WHERE pupil_id = $id AND date BETWEEN $from AND $to ORDER BY date, session, urn
                """), [.. viewer.Parameters, ("id", pupilId), ("from", from), ("to", to)])
            .Select(r => new PupilMark(pupilId, r.GetInt32(0), r.GetFieldValue<DateOnly>(1), r.GetByte(2), CodeCatalogue.Instance.ById(r.GetByte(3))))
            .ToList();
}
