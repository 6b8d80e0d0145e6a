using System.Text;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Codes;
using AttendanceGraph.Schema.Measures;

namespace AttendanceGraph.Schema.Warehouse;

/// <summary>
/// The one definition of how marks become aggregate rows. The ETL materialises it into the aggregate tables;
/// measure queries over a date range that does not align with the aggregates evaluate the very same SQL over
/// just the marks in range, so both paths agree by construction.
/// Two steps, because a 40-column pivot over every mark is slow: first count marks per enrolment, fragment
/// and code (one narrow group-by over the marks), then pivot those far fewer rows into the count columns.
/// </summary>
public static class AggregateSql
{
    /// <summary>Enrolment × week-month fragment rows from marks m, joined/filtered by <paramref name="markJoinsAndFilter"/>.</summary>
    /// <param name="marks">The marks to read: the table, or a union of date ranges of it (<see cref="MarksOnDays"/>).</param>
    /// <param name="onlyColumns">
    /// Null: every count column, as the ETL materialises. Otherwise only these count columns (<see cref="CountColumns"/>), for
    /// a measure query that reads no more: counted straight from the marks, without the pivot.
    /// </param>
    public static string EnrolmentWeeks(string markJoinsAndFilter = "", string marks = "marks", IReadOnlyList<string>? onlyColumns = null) =>
        onlyColumns is null
            ? Pivot(cohort: false, $"""
                SELECT m.urn, m.pupil_id, {WarehouseSchema.WeekStartSql("m.date")} AS week_start, {WarehouseSchema.MonthStartSql("m.date")} AS month,
                       m.code_id, count(*)::INTEGER AS n
                FROM {marks} m
                {markJoinsAndFilter}
                GROUP BY ALL
                """)
            : Counted(cohort: false, onlyColumns, $"""
                FROM {marks} m
                {markJoinsAndFilter}
                """);

    /// <summary>
    /// Cohort × enrolment × fragment rows: only sessions on dates when the pupil was in the cohort. A reporting
    /// cohort's intervals are merged first (SEN support ending the day an EHC plan starts is one SEND interval),
    /// so each session counts once per cohort.
    /// </summary>
    /// <param name="intervals">Where the cohort intervals are read from (<see cref="CohortIntervals"/>): the table by default.</param>
    public static string CohortEnrolmentWeeks(string markJoinsAndFilter = "", string intervals = CohortIntervals.Table, string marks = "marks",
        IReadOnlyList<string>? onlyColumns = null)
    {
        var from = $"""
            FROM {marks} m
            JOIN {intervals} ci ON ci.pupil_id = m.pupil_id AND m.date BETWEEN ci.start_date AND ci.end_date
            {markJoinsAndFilter}
            """;
        return onlyColumns is null
            ? Pivot(cohort: true, $"""
                SELECT ci.cohort, m.urn, m.pupil_id, {WarehouseSchema.WeekStartSql("m.date")} AS week_start, {WarehouseSchema.MonthStartSql("m.date")} AS month,
                       m.code_id, count(*)::INTEGER AS n
                {from}
                GROUP BY ALL
                """)
            : Counted(cohort: true, onlyColumns, from);
    }

    /// <summary>The columns every aggregate row is keyed and filtered by, whichever count columns it carries.</summary>
    public static IReadOnlyList<string> KeyColumns(bool cohort) =>
        cohort ? ["cohort", .. EnrolmentKeyColumns] : EnrolmentKeyColumns;

    private static readonly string[] EnrolmentKeyColumns = ["urn", "pupil_id", "week_start", "month", "frag_start", "academic_year", "compulsory"];

    /// <summary>Each count column of the aggregate rows and the code ids it counts: a category's codes, or one code.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<int>> CountColumns { get; } =
        CategoryColumns.All.Select(c => (CategoryColumns.For(c), (IReadOnlyList<int>)CodeCatalogue.Instance.InCategory(c).Select(x => (int)x.Id).ToList()))
            .Concat(CodeCatalogue.Instance.Codes.Select(c => (c.Column, (IReadOnlyList<int>)[c.Id])))
            .ToDictionary(x => x.Item1, x => x.Item2);

    /// <summary>
    /// The marks on any of several date ranges (given as SQL bounds), as one source: a union of one scan per range, since
    /// DuckDB skips row groups by their date range for a range but not for an OR of ranges (a day range's two edges over
    /// 38 M week-clustered marks: 13 ms as a union, 170 ms as an OR).
    /// </summary>
    public static string MarksOnDays(IEnumerable<(string From, string To)> ranges) =>
        "(" + string.Join(" UNION ALL ", ranges.Select(r => $"SELECT * FROM marks WHERE date BETWEEN {r.From} AND {r.To}")) + ")";

    /// <summary>
    /// Enrolment × week rows from session totals t (DfE pupil-level files), in the same columns as
    /// <see cref="EnrolmentWeeks"/>: the week's totals by category and no count by code (the file has no codes). A
    /// week is one row at its Monday even when it straddles a month end (totals cannot be split by day), which is
    /// why a period or monthly grain cutting through such a week is refused (<see cref="SessionTotalsCoverage"/>).
    /// Only enrolment-weeks without marks: registers are the more detailed source and win.
    /// </summary>
    /// <param name="marksBound">A condition on marks m bounding the registers-win check (literal dates let DuckDB skip row groups).</param>
    public static string TotalsEnrolmentWeeks(string totalsFilter = "TRUE", string marksBound = "TRUE") => Totals(cohort: false, totalsFilter, marksBound);

    /// <summary>
    /// Cohort × enrolment × week rows from session totals: a week counts in a cohort when the pupil's membership
    /// overlaps it, as DfE's flags say "yes" for the whole span of the file (totals cannot be split by day).
    /// </summary>
    public static string CohortTotalsEnrolmentWeeks(string totalsFilter = "TRUE", string marksBound = "TRUE", string intervals = CohortIntervals.Table) =>
        Totals(cohort: true, totalsFilter, marksBound, intervals);

    private static string Totals(bool cohort, string totalsFilter, string marksBound, string intervals = CohortIntervals.Table)
    {
        var byCategory = new Dictionary<AttendanceCategory, string>
        {
            [AttendanceCategory.Present] = "t.present",
            [AttendanceCategory.ApprovedEducationalActivity] = "t.aea",
            [AttendanceCategory.AuthorisedAbsence] = "t.authorised",
            [AttendanceCategory.UnauthorisedAbsence] = "t.unauthorised",
        };
        var year = WarehouseSchema.AcademicYearSql("t.span_start");
        var sb = new StringBuilder("SELECT ");
        if (cohort) sb.Append("ci.cohort, ");
        sb.Append($"t.urn, t.pupil_id, t.span_start AS week_start, {WarehouseSchema.MonthStartSql("t.span_start")} AS month, t.span_start AS frag_start, ");
        sb.Append($"{year} AS academic_year, {CompulsorySchoolAge.Sql("p.date_of_birth", year)} AS compulsory");
        foreach (var category in CategoryColumns.All)
            sb.Append($",\n  {byCategory.GetValueOrDefault(category, "0")}::UTINYINT AS {CategoryColumns.For(category)}");
        foreach (var code in CodeCatalogue.Instance.Codes)
            sb.Append($",\n  0::UTINYINT AS {code.Column}");
        sb.Append("\nFROM session_totals t\nJOIN pupils p ON p.pupil_id = t.pupil_id");
        // Once per cohort whatever number of its intervals overlap the week: intervals are merged only where they overlap, so
        // a membership ending on the 7th and another starting on the 8th are two (joined on each, the week counted twice).
        if (cohort) sb.Append($"\nJOIN (SELECT DISTINCT cohort, pupil_id FROM {intervals}) ci ON ci.pupil_id = t.pupil_id");
        sb.Append($"\nWHERE ({totalsFilter}) AND NOT EXISTS (\n  SELECT 1 FROM marks m WHERE ({marksBound}) AND m.urn = t.urn AND m.pupil_id = t.pupil_id AND m.date BETWEEN t.span_start AND t.span_start + 6)");
        if (cohort) sb.Append($"\n  AND EXISTS (SELECT 1 FROM {intervals} i WHERE i.cohort = ci.cohort AND i.pupil_id = t.pupil_id AND i.start_date <= t.span_end AND i.end_date >= t.span_start)");
        return sb.ToString();
    }

    /// <summary>
    /// The rows of <see cref="Pivot"/> with only some count columns, each a FILTER aggregate over the marks. A day range's
    /// edges need the six or so columns its measures add up, not 40: over the 25,000-pupil LA's marks, the schools list
    /// for a day range cutting through weeks took 111-178 ms through the pivot and 58-61 ms this way (same rows).
    /// </summary>
    private static string Counted(bool cohort, IReadOnlyList<string> columns, string from)
    {
        var sb = new StringBuilder("SELECT ");
        if (cohort) sb.Append("f.cohort, ");
        sb.Append("f.urn, f.pupil_id, f.week_start, f.month, greatest(f.week_start, f.month) AS frag_start, ");
        var year = WarehouseSchema.AcademicYearSql("greatest(f.week_start, f.month)");
        sb.Append($"{year} AS academic_year, {CompulsorySchoolAge.Sql("p.date_of_birth", year)} AS compulsory");
        foreach (var column in columns) sb.Append($", f.{column}");
        sb.Append("\nFROM (SELECT ");
        if (cohort) sb.Append("ci.cohort, ");
        sb.Append($"m.urn, m.pupil_id, {WarehouseSchema.WeekStartSql("m.date")} AS week_start, {WarehouseSchema.MonthStartSql("m.date")} AS month");
        foreach (var column in columns)
        {
            var ids = CountColumns[column];
            var test = ids.Count == 0 ? "FALSE" : ids.Count == 1 ? $"m.code_id = {ids[0]}" : $"m.code_id IN ({string.Join(", ", ids)})";
            sb.Append($",\n  count(*) FILTER (WHERE {test})::UTINYINT AS {column}");
        }
        sb.Append($"\n{from}\nGROUP BY ALL) f\nJOIN pupils p ON p.pupil_id = f.pupil_id");
        return sb.ToString();
    }

    // DuckDB's PIVOT (one column per code id) measured ~4× faster here than 40 FILTER aggregates.
    private static string Pivot(bool cohort, string counts)
    {
        string Code(AttendanceCode code) => $"coalesce(f.\"{code.Id}\", 0)";
        var sb = new StringBuilder("SELECT ");
        if (cohort) sb.Append("f.cohort, ");
        sb.Append("f.urn, f.pupil_id, f.week_start, f.month, greatest(f.week_start, f.month) AS frag_start, ");
        var year = WarehouseSchema.AcademicYearSql("greatest(f.week_start, f.month)");
        sb.Append($"{year} AS academic_year, {CompulsorySchoolAge.Sql("p.date_of_birth", year)} AS compulsory");
        foreach (var category in CategoryColumns.All)
        {
            var codes = CodeCatalogue.Instance.InCategory(category).Select(Code).ToList();
            sb.Append($",\n  ({(codes.Count == 0 ? "0" : string.Join(" + ", codes))})::UTINYINT AS {CategoryColumns.For(category)}");
        }
        foreach (var code in CodeCatalogue.Instance.Codes)
            sb.Append($",\n  {Code(code)}::UTINYINT AS {code.Column}");
        var ids = string.Join(", ", CodeCatalogue.Instance.Codes.Select(c => c.Id));
        sb.Append($"\nFROM (PIVOT ({counts}) ON code_id IN ({ids}) USING first(n) GROUP BY {(cohort ? "cohort, " : "")}urn, pupil_id, week_start, month) f");
        sb.Append("\nJOIN pupils p ON p.pupil_id = f.pupil_id");
        return sb.ToString();
    }
}
