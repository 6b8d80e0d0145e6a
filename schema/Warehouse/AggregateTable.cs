namespace AttendanceGraph.Schema.Warehouse;

/// <summary>
/// One of the two aggregate tables, as stored and as read. Each row is one enrolment's week-and-month fragment
/// (a week that straddles a month end is two rows). What is stored is only what cannot be derived: the keys,
/// whether the pupil was of compulsory school age, and the session counts packed into a few words
/// (<see cref="PackedCounts"/>), because the values a load writes are what a DuckDB load costs. Readers — the
/// API, BI tools, analysts — use the view of the same rows with every column spelt out: week, month, academic
/// year and one count per category and per code.
/// </summary>
public sealed class AggregateTable
{
    /// <summary>Enrolment × fragment: every session of every enrolment.</summary>
    public static readonly AggregateTable Enrolments = new("agg_enrolment_week", "enrolment_week_counts", cohort: false);

    /// <summary>Reporting cohort × enrolment × fragment: only the sessions on days the pupil was in the cohort.</summary>
    public static readonly AggregateTable Cohorts = new("agg_cohort_enrolment_week", "cohort_enrolment_week_counts", cohort: true);

    public static IReadOnlyList<AggregateTable> All { get; } = [Enrolments, Cohorts];

    private AggregateTable(string view, string table, bool cohort)
    {
        View = view;
        Table = table;
        HasCohort = cohort;
    }

    /// <summary>The view readers query.</summary>
    public string View { get; }

    /// <summary>The stored table loads write.</summary>
    public string Table { get; }

    public bool HasCohort { get; }

    public string CreateTableSql =>
        $"""
        CREATE TABLE IF NOT EXISTS {Table} (
          {(HasCohort ? "cohort VARCHAR NOT NULL,\n  " : "")}urn INTEGER NOT NULL,
          pupil_id INTEGER NOT NULL,
          frag_start DATE NOT NULL,
          compulsory BOOLEAN NOT NULL,
          {string.Join(",\n  ", PackedCounts.Words.Select(w => $"{w} UBIGINT NOT NULL"))})
        """;

    /// <summary>The view's columns are exactly those <see cref="AggregateSql"/> defines, in the same order.</summary>
    public string CreateViewSql =>
        $"""
        CREATE OR REPLACE VIEW {View} AS
        SELECT {(HasCohort ? "cohort, " : "")}urn, pupil_id,
          {WarehouseSchema.WeekStartSql("frag_start")} AS week_start,
          {WarehouseSchema.MonthStartSql("frag_start")} AS month,
          frag_start,
          {WarehouseSchema.AcademicYearSql("frag_start")} AS academic_year,
          compulsory,
          {string.Join(",\n  ", WarehouseSchema.CountColumns.Select((c, i) => $"{PackedCounts.ExtractSql(i)} AS {c}"))}
        FROM {Table}
        """;

    /// <summary>Stores rows shaped as <see cref="AggregateSql"/> defines them (<paramref name="rowsSql"/>), packing their counts.</summary>
    public string InsertSql(string rowsSql)
    {
        var words = PackedCounts.Words.Select((w, k) => $"{PackedCounts.PackSql(k)} AS {w}");
        return $"""
            INSERT INTO {Table}
            SELECT {(HasCohort ? "cohort, " : "")}urn, pupil_id, frag_start, compulsory,
              {string.Join(",\n  ", words)}
            FROM ({rowsSql})
            """;
    }
}
