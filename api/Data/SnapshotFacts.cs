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

    /// <summary>Other LAs' schools (kept for residency): never among the LA's schools, only named where a pupil is placed.</summary>
    public IReadOnlyDictionary<int, Pupils.SchoolPlacement> OtherLaSchools { get; init; } = new Dictionary<int, Pupils.SchoolPlacement>();

    /// <summary>Where a pupil at <paramref name="urn"/> is educated: one of the LA's schools, or out of area; null for a URN not loaded.</summary>
    public Pupils.SchoolPlacement? Placement(int urn) =>
        School(urn) is { } own ? new(own.Urn, own.Name, own.Phase, own.LaCode, own.LaName, OutOfArea: false) : OtherLaSchools.GetValueOrDefault(urn);

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

    /// <summary>The last day of any week loaded as DfE totals (null when none).</summary>
    public DateOnly? LastTotalsDay { get; init; }

    /// <summary>
    /// The last day with sessions of either kind on or before <paramref name="today"/>: <see cref="LastMarkUpTo"/>, or the
    /// end of a later week known only as DfE totals.
    /// </summary>
    public DateOnly? LastSessionUpTo(DateOnly today)
    {
        var totals = LastTotalsDay is { } t ? (t < today ? t : today) : (DateOnly?)null;
        return LastMarkUpTo(today) is { } mark && (totals is null || mark >= totals) ? mark : totals;
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
        var markYears = ReadMarkYears(c);
        var benchmarks = c.Rows("""
            SELECT time_period, geographic_level, old_la_code, la_name, education_phase, source, sess_overall_percent,
                   sess_authorised_percent, sess_unauthorised_percent, enrolments_pa_10_exact_percent, enrolments_pa_50_exact_percent
            FROM benchmarks ORDER BY time_period, geographic_level, education_phase
            """).Select(r => new NationalFigure(r.GetInt32(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
                D(r, 6), D(r, 7), D(r, 8), D(r, 9), D(r, 10))).ToList();
        // Other LAs' schools (a GIAS extract's, or learned from DfE resident-pupil rows: no LA code then).
        var others = c.Rows($"SELECT urn, name, phase, la_code, la_name FROM schools WHERE urn NOT IN ({ServedLocalAuthority.SchoolsSql})")
            .Select(r => new Pupils.SchoolPlacement(r.GetInt32(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetInt16(3), r.GetString(4),
                OutOfArea: true)).ToDictionary(p => p.Urn);
        var lastTotals = Schema.Measures.SessionTotalsCoverage.SpansTableExists(c) ? c.Rows("SELECT max(span_end) FROM session_total_spans")
            .Select(r => r.IsDBNull(0) ? (DateOnly?)null : r.GetFieldValue<DateOnly>(0)).First() : null;
        return new SnapshotFacts(snapshot, schools, markYears, benchmarks)
            { Cohorts = CohortCatalogue.Read(c), InYear = ReadInYear(c), OtherLaSchools = others, LastTotalsDay = lastTotals };
    }

    /// <summary>The definition of <see cref="MarkYears"/>: every mark of every year read (0.4–1.7 s at 38 M marks).</summary>
    public static string MarkYearsSql { get; } = $"""
        SELECT {WarehouseSchema.AcademicYearSql("m.date")} AS academic_year, min(m.date), max(m.date),
               min(m.date) FILTER (WHERE k.possible_session)
        FROM marks m JOIN attendance_codes k USING (code_id)
        GROUP BY ALL ORDER BY academic_year
        """;

    /// <summary>
    /// <see cref="MarkYearsSql"/>'s rows without reading every mark: each year's first and last mark are its first and last
    /// school open day (<see cref="SchoolOpenDays"/>: exactly the days with a mark), and its first possible session is
    /// looked for in the marks from its first open day a fortnight at a time (marks are clustered by week, so a date range
    /// reads only its weeks), the first fortnight with one holding the earliest; after four fortnights without, the rest of
    /// the year in one read. A snapshot from before the open-days table reads the definition. Every page's first request on
    /// a snapshot waits for these facts.
    /// </summary>
    public static IReadOnlyList<MarkYear> ReadMarkYears(DuckDBConnection c)
    {
        if (!WarehouseTables.Has(c, SchoolOpenDays.Table))
            return c.Rows(MarkYearsSql).Select(r => new MarkYear(new AcademicYear(r.GetInt16(0)), r.GetFieldValue<DateOnly>(1), r.GetFieldValue<DateOnly>(2),
                r.IsDBNull(3) ? null : r.GetFieldValue<DateOnly>(3))).ToList();
        var years = c.Rows($"""
            SELECT {WarehouseSchema.AcademicYearSql("date")} AS academic_year, min(date), max(date)
            FROM {SchoolOpenDays.Table} GROUP BY ALL ORDER BY academic_year
            """).Select(r => (Year: new AcademicYear(r.GetInt16(0)), First: r.GetFieldValue<DateOnly>(1), Last: r.GetFieldValue<DateOnly>(2))).ToList();
        return years.Select(y => new MarkYear(y.Year, y.First, y.Last, FirstPossibleSession(c, y.First, y.Last))).ToList();
    }

    private static DateOnly? FirstPossibleSession(DuckDBConnection c, DateOnly first, DateOnly last)
    {
        const int Fortnights = 4;
        var from = first;
        for (var i = 0; from <= last; i++)
        {
            var to = i == Fortnights - 1 || from.AddDays(13) >= last ? last : from.AddDays(13);
            var found = c.Scalar<DateOnly?>("""
                SELECT min(m.date) FROM marks m JOIN attendance_codes k USING (code_id)
                WHERE k.possible_session AND m.date BETWEEN $from AND $to
                """, ("from", from), ("to", to));
            if (found is not null) return found;
            from = to.AddDays(1);
        }
        return null;
    }

    /// <summary>DfE's in-year figures (weeks, terms, years to date); none in a snapshot loaded before they existed.</summary>
    public IReadOnlyList<InYearFigure> InYear { get; init; } = [];

    private static List<InYearFigure> ReadInYear(DuckDBConnection c)
    {
        if (c.Scalar<long>("SELECT count(*) FROM information_schema.tables WHERE table_name = 'in_year_benchmarks'") == 0) return [];
        return c.Rows("""
            SELECT span, time_period, week_commencing, term, geographic_level, region_code, region_name, old_la_code, la_name,
                   education_phase, overall_absence_perc, authorised_absence_perc, unauthorised_absence_perc, persistent_absence_percent, source
            FROM in_year_benchmarks ORDER BY ALL
            """).Select(r => new InYearFigure(r.GetString(0), r.GetInt32(1), r.IsDBNull(2) ? null : r.GetFieldValue<DateOnly>(2),
                S(r, 3), r.GetString(4), S(r, 5), S(r, 6), S(r, 7), S(r, 8), r.GetString(9), D(r, 10), D(r, 11), D(r, 12), D(r, 13), S(r, 14))).ToList();
    }

    private static string? S(System.Data.Common.DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static double? D(System.Data.Common.DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
}
