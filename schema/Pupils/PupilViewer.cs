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
    /// it follows only at the LA's schools (<see cref="MembershipCohort.VirtualSchoolAtLaSchoolsOnly"/>), only the dates
    /// the pupil was also on roll at one of them.
    /// </summary>
    public sealed record Cohorts(IReadOnlyList<string> MembershipCohorts) : PupilViewer;

    /// <summary><paramref name="query"/> preceded by the viewer's views (their parameters: <see cref="Parameters"/>).</summary>
    public string Sql(string query) => $"""
        WITH viewer_windows AS ({WindowsSql}),
        visible_marks AS NOT MATERIALIZED ({MarksSql}),
        visible_enrolments AS NOT MATERIALIZED (
          SELECT e.pupil_id, e.urn, greatest(e.entry_date, vw.window_from) AS entry_date,
                 nullif(least(coalesce(e.leaving_date, {DateWindow.OpenEndSql}), vw.window_to), {DateWindow.OpenEndSql}) AS leaving_date, e.nc_year
          FROM enrolments e JOIN viewer_windows vw ON vw.pupil_id = e.pupil_id
            AND e.entry_date <= vw.window_to AND coalesce(e.leaving_date, {DateWindow.OpenEndSql}) >= vw.window_from
          {(this is School ? "WHERE e.urn = $viewer_urn" : "")}),
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

    // The la-lead's window is all time, so its marks need no join; the others' windows are merged (gaps and islands,
    // adjacent days joined) so that each mark and each clipped enrolment matches at most one window.
    private string WindowsSql => this switch
    {
        Everyone => $"SELECT pupil_id, {DateWindow.OpenStartSql} AS window_from, {DateWindow.OpenEndSql} AS window_to FROM pupils",
        _ => $"""
            SELECT pupil_id, min(s) AS window_from, max(e) AS window_to FROM (
              SELECT *, sum(CASE WHEN prev_e IS NULL OR s > prev_e + 1 THEN 1 ELSE 0 END) OVER (PARTITION BY pupil_id ORDER BY s, e) AS island
              FROM (
                SELECT *, max(e) OVER (PARTITION BY pupil_id ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_e
                FROM ({RawWindowsSql})))
            GROUP BY pupil_id, island
            """,
    };

    private string RawWindowsSql => this switch
    {
        School => $"SELECT pupil_id, entry_date AS s, coalesce(leaving_date, {DateWindow.OpenEndSql}) AS e FROM enrolments WHERE urn = $viewer_urn",
        Cohorts c => CohortWindowsSql(c),
        _ => throw new InvalidOperationException($"no raw windows for {GetType().Name}"),
    };

    // A membership of a cohort the virtual school follows only at the LA's schools (previously looked-after children) is
    // a window only where it overlaps an enrolment at one of them.
    private static string CohortWindowsSql(Cohorts c)
    {
        string List(bool atLaSchoolsOnly) => string.Join(", ", c.MembershipCohorts
            .Select((cohort, i) => (cohort, i)).Where(x => MembershipCohort.VirtualSchoolAtLaSchoolsOnly.Contains(x.cohort) == atLaSchoolsOnly)
            .Select(x => $"$viewer_c{x.i}").DefaultIfEmpty("NULL"));
        return $"""
            SELECT p.pupil_id, cm.start_date AS s, coalesce(cm.end_date, {DateWindow.OpenEndSql}) AS e
            FROM cohort_memberships cm JOIN pupils p ON p.upn = cm.upn
            WHERE cm.cohort IN ({List(atLaSchoolsOnly: false)})
            UNION ALL
            SELECT p.pupil_id, greatest(cm.start_date, e.entry_date) AS s,
                   least(coalesce(cm.end_date, {DateWindow.OpenEndSql}), coalesce(e.leaving_date, {DateWindow.OpenEndSql})) AS e
            FROM cohort_memberships cm JOIN pupils p ON p.upn = cm.upn
              JOIN enrolments e ON e.pupil_id = p.pupil_id AND e.urn IN ({ServedLocalAuthority.SchoolsSql})
                AND e.entry_date <= coalesce(cm.end_date, {DateWindow.OpenEndSql}) AND coalesce(e.leaving_date, {DateWindow.OpenEndSql}) >= cm.start_date
            WHERE cm.cohort IN ({List(atLaSchoolsOnly: true)})
            """;
    }

    private string MarksSql => this switch
    {
        Everyone => "SELECT * FROM marks",
        _ => $"""
            SELECT m.* FROM marks m JOIN viewer_windows vw ON vw.pupil_id = m.pupil_id AND m.date BETWEEN vw.window_from AND vw.window_to
            {(this is School ? "WHERE m.urn = $viewer_urn" : "")}
            """,
    };
}
