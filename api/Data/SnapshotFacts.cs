using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Cohorts;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Api.Data;

/// <summary>
/// The small, slowly changing facts of one snapshot — its schools, the dates its marks cover, the published
/// benchmarks — read once per snapshot and shared by every request on it.
/// </summary>
public sealed record SnapshotFacts(
    string Snapshot,
    IReadOnlyList<SchoolInfo> Schools,
    IReadOnlyList<MarkYear> MarkYears,
    IReadOnlyList<NationalFigure> Benchmarks)
{
    /// <summary>The cohorts this snapshot measures, statutory first, then the LA's own (<see cref="CohortCatalogue"/>).</summary>
    public IReadOnlyList<ReportingCohort> Cohorts { get; init; } = ReportingCohort.All;

    public ReportingCohort? Cohort(string key) => Cohorts.FirstOrDefault(c => c.Key == key);

    private readonly Dictionary<int, SchoolInfo> byUrn = Schools.ToDictionary(s => s.Urn);

    public SchoolInfo? School(int urn) => byUrn.GetValueOrDefault(urn);

    /// <summary>The LA the warehouse serves: its schools' (all of one LA once the LA is recorded; before, the one most belong to).</summary>
    public (int Code, string Name) LocalAuthority => Schools.Count == 0
        ? (0, "")
        : Schools.GroupBy(s => (s.LaCode, s.LaName)).OrderByDescending(g => g.Count()).First().Key;

    public DateOnly? FirstMark => MarkYears.Count == 0 ? null : MarkYears.Min(y => y.FirstMark);

    /// <summary>
    /// The year a question without a period means: the latest academic year with a possible session on or before
    /// <paramref name="today"/> (the year containing today when there is none). A mark dated ahead — a planned
    /// closure, or a stray date loaded before the ETL rejected them — never makes its year the default, which
    /// would answer every dashboard with zero enrolments.
    /// </summary>
    public AcademicYear DefaultAcademicYear(DateOnly today)
    {
        var started = MarkYears.Where(y => y.FirstPossibleSession <= today).ToList();
        return started.Count > 0 ? started.Max(y => y.Year) : AcademicYear.Containing(today);
    }

    /// <summary>
    /// The last mark on or before <paramref name="today"/>, to the day in years that ended before it; in the year
    /// under way, whose registers may hold codes entered ahead, today itself.
    /// </summary>
    public DateOnly? LastMarkUpTo(DateOnly today)
    {
        var begun = MarkYears.Where(y => y.FirstMark <= today).ToList();
        return begun.Count == 0 ? null : begun.Max(y => y.LastMark < today ? y.LastMark : today);
    }

    public static SnapshotFacts Read(string snapshot, DuckDBConnection c)
    {
        // The LA's own schools only: another LA's (kept for residency) is not among them, nor found by URN.
        var schools = c.Rows($"""
            SELECT urn, laestab, la_code, la_name, name, establishment_type, phase, status, open_date, close_date
            FROM schools WHERE urn IN ({ServedLocalAuthority.SchoolsSql}) ORDER BY name
            """).Select(r => new SchoolInfo(r.GetInt32(0), r.GetInt32(1), r.GetInt16(2), r.GetString(3), r.GetString(4),
                r.GetString(5), r.GetString(6), r.GetString(7),
                r.IsDBNull(8) ? null : r.GetFieldValue<DateOnly>(8), r.IsDBNull(9) ? null : r.GetFieldValue<DateOnly>(9))).ToList();
        var markYears = c.Rows($"""
            SELECT {WarehouseSchema.AcademicYearSql("m.date")} AS academic_year, min(m.date), max(m.date),
                   min(m.date) FILTER (WHERE k.possible_session)
            FROM marks m JOIN attendance_codes k USING (code_id)
            GROUP BY ALL ORDER BY academic_year
            """).Select(r => new MarkYear(new AcademicYear(r.GetInt16(0)), r.GetFieldValue<DateOnly>(1), r.GetFieldValue<DateOnly>(2),
                r.IsDBNull(3) ? null : r.GetFieldValue<DateOnly>(3))).ToList();
        var benchmarks = c.Rows("""
            SELECT time_period, geographic_level, old_la_code, la_name, education_phase, source, sess_overall_percent,
                   sess_authorised_percent, sess_unauthorised_percent, enrolments_pa_10_exact_percent, enrolments_pa_50_exact_percent
            FROM benchmarks ORDER BY time_period, geographic_level, education_phase
            """).Select(r => new NationalFigure(r.GetInt32(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
                D(r, 6), D(r, 7), D(r, 8), D(r, 9), D(r, 10))).ToList();
        return new SnapshotFacts(snapshot, schools, markYears, benchmarks) { Cohorts = CohortCatalogue.Read(c) };
    }

    private static double? D(System.Data.Common.DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
}
