using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Warehouse;

/// <summary>
/// Each pupil's membership intervals of each reporting cohort, overlaps merged (gaps and islands: SEN support ending
/// the day an EHC plan starts is one SEND interval), so each session counts once per cohort. Every load rewrites the
/// table from <see cref="Sql"/>, after the batch's memberships and cohort definitions are staged. Computed inline,
/// the two window passes over every membership of the LA were most of a one-school cohort day range (EXPLAIN ANALYZE
/// at 38 M marks: 0.19 s of 0.26 s), paid again by each query that joined them.
/// </summary>
public static class CohortIntervals
{
    public const string Table = "cohort_intervals";

    /// <summary>The definition: the table holds exactly its rows (tested after loads that change memberships).</summary>
    public const string Sql = """
        SELECT cohort, pupil_id, min(s) AS start_date, max(e) AS end_date FROM (
          SELECT *, sum(CASE WHEN prev_e IS NULL OR s > prev_e THEN 1 ELSE 0 END)
                      OVER (PARTITION BY cohort, pupil_id ORDER BY s, e) AS island
          FROM (
            SELECT *, max(e) OVER (PARTITION BY cohort, pupil_id ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_e
            FROM (
              SELECT rc.cohort, pu.pupil_id, cm.start_date AS s, coalesce(cm.end_date, DATE '9999-12-31') AS e
              FROM cohort_memberships cm
              JOIN pupils pu ON pu.upn = cm.upn
              JOIN reporting_cohorts rc ON rc.membership_cohort = cm.cohort)))
        GROUP BY cohort, pupil_id, island
        """;

    /// <summary>The definition as a parenthesised source, for a query that must not read the table (tests' reference).</summary>
    public const string Inline = $"({Sql})";

    public const string CreateTableSql = $"""
        CREATE TABLE IF NOT EXISTS {Table} (
          cohort VARCHAR NOT NULL,
          pupil_id INTEGER NOT NULL,
          start_date DATE NOT NULL,
          end_date DATE NOT NULL)
        """;

    /// <summary>Rewrites the table; in cohort and pupil order, so one cohort's or pupil's rows share few row groups.</summary>
    public static readonly string[] RewriteSql =
    [
        $"DELETE FROM {Table}",
        $"INSERT INTO {Table} SELECT * FROM ({Sql}) ORDER BY cohort, pupil_id, start_date",
    ];

    /// <summary>No rows: a warehouse upgraded from before the table, or one with no memberships (then rewriting is cheap).</summary>
    public static bool IsEmpty(DuckDBConnection c) => c.Scalar<long>($"SELECT count(*) FROM (SELECT 1 FROM {Table} LIMIT 1)") == 0;

    /// <summary>
    /// What a query in <paramref name="connection"/>'s snapshot reads: the table, or for a snapshot published before the
    /// table existed, the definition (until the next load writes the table).
    /// </summary>
    public static string In(DuckDBConnection connection) => WarehouseTables.Has(connection, Table) ? Table : Inline;
}
