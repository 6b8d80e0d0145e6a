using AttendanceGraph.Schema.Warehouse;
using MembershipCohort = AttendanceGraph.Schema.Cohorts.MembershipCohort;

namespace AttendanceGraph.Schema.Pupils;

/// <summary>
/// Who is reading pupil-level data, as the one definition of what they may see of each pupil: the pupil's visible
/// windows (date ranges) and, for a school, only its own enrolments' marks. Every pupil-level query is written over
/// <see cref="Sql"/>'s views instead of the tables, so no query can read past a window:
/// <list type="bullet">
/// <item><c>viewer_windows(pupil_id, window_from, window_to)</c>: merged, disjoint, inclusive windows;</item>
/// <item><c>visible_marks</c>: the marks inside a window (a school: at its URN only);</item>
/// <item><c>visible_enrolments(pupil_id, urn, entry_date, leaving_date, nc_year)</c>: enrolments clipped to the windows
/// (a school: its own only), one row per piece, leaving_date null while open;</item>
/// <item><c>visible_memberships(pupil_id, upn, cohort, start_date, end_date)</c>: cohort memberships clipped the same way.</item>
/// </list>
/// The views are computed inside each query for every pupil it covers, so a list of pupils is still one query.
/// </summary>
public abstract record PupilViewer
{
    private PupilViewer() { }

    /// <summary>The la-lead: every pupil, all time, every school.</summary>
    public sealed record Everyone : PupilViewer;

    /// <summary>A school: only the dates of its own enrolments, and only the marks and enrolments at its URN.</summary>
    public sealed record School(int Urn) : PupilViewer;

    /// <summary>
    /// The virtual school: the dates the pupil was in one of <paramref name="MembershipCohorts"/>, at any school; for a cohort
    /// it follows only at the LA's schools (<see cref="MembershipCohort.VirtualSchoolAtLaSchoolsOnly"/>), only the dates the
    /// pupil was also on roll at one of them, and then only the marks, enrolments and totals at the LA's schools (a child
    /// registered at another LA's school too, such as alternative provision, is seen at the LA's school only).
    /// </summary>
    public sealed record Cohorts(IReadOnlyList<string> MembershipCohorts) : PupilViewer
    {
        internal bool SomeAtLaSchoolsOnly => MembershipCohorts.Any(MembershipCohort.VirtualSchoolAtLaSchoolsOnly.Contains);
    }

    /// <summary><paramref name="query"/> preceded by the viewer's views (their parameters: <see cref="Parameters"/>).</summary>
    public string Sql(string query) => $"""
        WITH viewer_windows AS ({Islands(RawWindowsSql)}),
        {(LaSchoolsOnlyInSome ? $"viewer_any_school_windows AS ({Islands(RawAnySchoolWindowsSql)})," : "")}
        visible_marks AS NOT MATERIALIZED ({MarksSql}),
        visible_enrolments AS NOT MATERIALIZED ({EnrolmentsSql}),
        visible_memberships AS NOT MATERIALIZED (
          SELECT vw.pupil_id, cm.upn, cm.cohort, greatest(cm.start_date, vw.window_from) AS start_date,
                 nullif(least(coalesce(cm.end_date, {DateWindow.OpenEndSql}), vw.window_to), {DateWindow.OpenEndSql}) AS end_date
          FROM cohort_memberships cm JOIN pupils p ON p.upn = cm.upn JOIN viewer_windows vw ON vw.pupil_id = p.pupil_id
            AND cm.start_date <= vw.window_to AND coalesce(cm.end_date, {DateWindow.OpenEndSql}) >= vw.window_from)
        {query}
        """;

    public IEnumerable<(string Name, object? Value)> Parameters => this switch
    {
        School s => [("viewer_urn", s.Urn)],
        Cohorts c => c.MembershipCohorts.Select((cohort, i) => ($"viewer_c{i}", (object?)cohort)),
        _ => [],
    };

    /// <summary>
    /// The FROM and WHERE of a query over the weeks of DfE session totals (alias <c>t</c>) meeting <paramref name="condition"/>
    /// that the viewer may see, at schools where the pupil has no mark that week (registers win, as in the aggregates).
    /// </summary>
    public string VisibleTotalsSql(string condition) => $"""
        FROM session_totals t
        WHERE {condition} AND {TotalsVisibleSql("t")}
          AND NOT EXISTS (SELECT 1 FROM marks m WHERE m.pupil_id = t.pupil_id AND m.urn = t.urn AND m.date BETWEEN t.span_start AND t.span_end)
        """;

    /// <summary>
    /// The condition, over session totals <paramref name="t"/>, that the viewer may see that week of totals: inside a window,
    /// and at one of the LA's schools unless inside a window that reaches every school. A school sees its own URN's weeks
    /// only, as its marks, and each of them where it touches the pupil's enrolment there: the row is that enrolment's own
    /// sessions, and a pupil who joined or left mid-week would otherwise lose the week from the school's view.
    /// </summary>
    private string TotalsVisibleSql(string t)
    {
        if (this is School)
            return $"{t}.urn = $viewer_urn AND EXISTS (SELECT 1 FROM viewer_windows vw WHERE vw.pupil_id = {t}.pupil_id AND {t}.span_start <= vw.window_to AND {t}.span_end >= vw.window_from)";
        var inside = $"EXISTS (SELECT 1 FROM viewer_windows vw WHERE vw.pupil_id = {t}.pupil_id AND {t}.span_start >= vw.window_from AND {t}.span_end <= vw.window_to)";
        return LaSchoolsOnlyInSome
            ? $"""
              {inside} AND ({t}.urn IN ({ServedLocalAuthority.SchoolsSql})
                OR EXISTS (SELECT 1 FROM viewer_any_school_windows aw WHERE aw.pupil_id = {t}.pupil_id AND {t}.span_start >= aw.window_from AND {t}.span_end <= aw.window_to))
              """
            : inside;
    }

    private bool LaSchoolsOnlyInSome => this is Cohorts { SomeAtLaSchoolsOnly: true };

    // The la-lead's window is all time, so its marks need no join; the others' windows are merged (gaps and islands,
    // adjacent days joined) so that each mark and each clipped enrolment matches at most one window.
    private string Islands(string raw) => this switch
    {
        Everyone => $"SELECT pupil_id, {DateWindow.OpenStartSql} AS window_from, {DateWindow.OpenEndSql} AS window_to FROM pupils",
        _ => $"""
            SELECT pupil_id, min(s) AS window_from, max(e) AS window_to FROM (
              SELECT *, sum(CASE WHEN prev_e IS NULL OR s > prev_e + 1 THEN 1 ELSE 0 END) OVER (PARTITION BY pupil_id ORDER BY s, e) AS island
              FROM (
                SELECT *, max(e) OVER (PARTITION BY pupil_id ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_e
                FROM ({raw})))
            GROUP BY pupil_id, island
            """,
    };

    private string RawWindowsSql => this switch
    {
        Everyone => "",
        School => $"SELECT pupil_id, entry_date AS s, coalesce(leaving_date, {DateWindow.OpenEndSql}) AS e FROM enrolments WHERE urn = $viewer_urn",
        Cohorts c => c.SomeAtLaSchoolsOnly ? $"{RawAnySchoolWindowsSql} UNION ALL {RawLaSchoolWindowsSql(c)}" : RawAnySchoolWindowsSql,
        _ => throw new InvalidOperationException($"no raw windows for {GetType().Name}"),
    };

    private string RawAnySchoolWindowsSql => this is Cohorts c
        ? $"""
          SELECT p.pupil_id, cm.start_date AS s, coalesce(cm.end_date, {DateWindow.OpenEndSql}) AS e
          FROM cohort_memberships cm JOIN pupils p ON p.upn = cm.upn
          WHERE cm.cohort IN ({CohortParameters(c, atLaSchoolsOnly: false)})
          """
        : throw new InvalidOperationException($"no cohort windows for {GetType().Name}");

    // A membership of a cohort the virtual school follows only at the LA's schools (previously looked-after children) is
    // a window only where it overlaps an enrolment at one of them.
    private static string RawLaSchoolWindowsSql(Cohorts c) => $"""
        SELECT p.pupil_id, greatest(cm.start_date, e.entry_date) AS s,
               least(coalesce(cm.end_date, {DateWindow.OpenEndSql}), coalesce(e.leaving_date, {DateWindow.OpenEndSql})) AS e
        FROM cohort_memberships cm JOIN pupils p ON p.upn = cm.upn
          JOIN enrolments e ON e.pupil_id = p.pupil_id AND e.urn IN ({ServedLocalAuthority.SchoolsSql})
            AND e.entry_date <= coalesce(cm.end_date, {DateWindow.OpenEndSql}) AND coalesce(e.leaving_date, {DateWindow.OpenEndSql}) >= cm.start_date
        WHERE cm.cohort IN ({CohortParameters(c, atLaSchoolsOnly: true)})
        """;

    private static string CohortParameters(Cohorts c, bool atLaSchoolsOnly) => string.Join(", ", c.MembershipCohorts
        .Select((cohort, i) => (cohort, i)).Where(x => MembershipCohort.VirtualSchoolAtLaSchoolsOnly.Contains(x.cohort) == atLaSchoolsOnly)
        .Select(x => $"$viewer_c{x.i}").DefaultIfEmpty("NULL"));

    // A mark at another LA's school is visible only inside a window that reaches every school.
    private string MarksSql => this switch
    {
        Everyone => "SELECT * FROM marks",
        _ => $"""
            SELECT m.* FROM marks m JOIN viewer_windows vw ON vw.pupil_id = m.pupil_id AND m.date BETWEEN vw.window_from AND vw.window_to
            {(this is School ? "WHERE m.urn = $viewer_urn" : "")}
            {(LaSchoolsOnlyInSome ? $"""
                WHERE m.urn IN ({ServedLocalAuthority.SchoolsSql})
                  OR EXISTS (SELECT 1 FROM viewer_any_school_windows aw WHERE aw.pupil_id = m.pupil_id AND m.date BETWEEN aw.window_from AND aw.window_to)
                """ : "")}
            """,
    };

    // An enrolment at another LA's school is clipped to the windows that reach every school.
    private string EnrolmentsSql => LaSchoolsOnlyInSome
        ? $"""
          {ClippedEnrolments("viewer_windows")} WHERE e.urn IN ({ServedLocalAuthority.SchoolsSql})
          UNION ALL
          {ClippedEnrolments("viewer_any_school_windows")} WHERE e.urn NOT IN ({ServedLocalAuthority.SchoolsSql})
          """
        : $"{ClippedEnrolments("viewer_windows")} {(this is School ? "WHERE e.urn = $viewer_urn" : "")}";

    private static string ClippedEnrolments(string windows) => $"""
        SELECT e.pupil_id, e.urn, greatest(e.entry_date, vw.window_from) AS entry_date,
               nullif(least(coalesce(e.leaving_date, {DateWindow.OpenEndSql}), vw.window_to), {DateWindow.OpenEndSql}) AS leaving_date, e.nc_year
        FROM enrolments e JOIN {windows} vw ON vw.pupil_id = e.pupil_id
          AND e.entry_date <= vw.window_to AND coalesce(e.leaving_date, {DateWindow.OpenEndSql}) >= vw.window_from
        """;
}
