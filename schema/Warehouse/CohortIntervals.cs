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
    public static IReadOnlyList<string> RewriteSql =>
    [
        $"DELETE FROM {Table}",
        $"INSERT INTO {Table} SELECT * FROM ({Sql}) ORDER BY cohort, pupil_id, start_date",
        $"DELETE FROM warehouse_info WHERE key = '{DefinitionKey}'",
        $"INSERT INTO warehouse_info VALUES ('{DefinitionKey}', '{Definition}')",
    ];

    /// <summary>The warehouse_info key naming the definition the table was last written by (a hash of <see cref="Sql"/>).</summary>
    public const string DefinitionKey = "cohort_intervals_definition";

    private static readonly string Definition = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Sql)));

    /// <summary>
    /// The table was written by this build's definition. A load whose memberships, pupils and reporting cohorts are unchanged
    /// may keep it only then: a warehouse upgraded from before the table, or a release that changed the definition, rewrites it.
    /// </summary>
    public static bool IsCurrent(DuckDBConnection c) =>
        c.Scalar<string?>("SELECT value FROM warehouse_info WHERE key = $k", ("k", DefinitionKey)) == Definition;

    /// <summary>
    /// What a query in <paramref name="connection"/>'s snapshot reads: the table, or for a snapshot published before the
    /// table existed, the definition (until the next load writes the table).
    /// </summary>
    public static string In(DuckDBConnection connection) => WarehouseTables.Has(connection, Table) ? Table : Inline;
}
