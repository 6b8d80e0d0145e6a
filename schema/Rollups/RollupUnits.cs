using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Rollups;

/// <summary>
/// <c>school_rollup_units</c>: each enrolment's session totals (and each cohort's part of them) for every year and
/// term, kept between loads so that a daily load updates them by difference instead of summing the year's fragments
/// again. Persistent and severe absence test an enrolment's whole-period totals, so the school rows of a year cannot be
/// updated by difference; its units can, since sessions add up: new = kept + (the dirty enrolment-weeks' new fragments −
/// their old ones). The school rows of the rebuilt buckets are then summed from these units as in a full build.
/// <para>
/// Why only years and terms: their fragments are most of a year's (a term a third, the year all), and summing them was
/// most of a daily load; a month or half term is summed from its own fragments for a twelfth or a sixth of that, and
/// keeping them too would grow the snapshot (copied by every load) for little. A unit whose totals are all zero is not
/// kept (nor, in any mode, summed into school rows).
/// </para>
/// <para>
/// Contract: whoever rewrites enrolment-weeks of the aggregates calls <see cref="RememberBefore"/> with those weeks
/// before deleting them, then <see cref="SchoolRollup.Refresh"/> after writing them. A load that did not remember gets
/// its buckets rebuilt from their fragments; units not kept, or not kept by the last load (<see cref="AreCurrent"/>),
/// get a full build, never a partial one.
/// </para>
/// </summary>
public static class RollupUnits
{
    public const string Table = "school_rollup_units";

    public static IReadOnlyList<string> KeptKinds { get; } = [RollupBucket.Year, RollupBucket.Term];

    private const string DirtyWeeks = "rollup_dirty_weeks", OldFragments = "rollup_old_fragments";

    public static string CreateTableSql => CreateSql($"CREATE TABLE IF NOT EXISTS {Table}");

    /// <summary>An empty table shaped like <see cref="Table"/>: what tests build afresh to compare the kept units with.</summary>
    public static string CreateTempSql(string name) => CreateSql($"CREATE OR REPLACE TEMP TABLE {name}");

    private static string CreateSql(string head) =>
        $"""
        {head} (
          kind VARCHAR NOT NULL,
          b_from DATE NOT NULL,
          urn INTEGER NOT NULL,
          pupil_id INTEGER NOT NULL,
          cohort VARCHAR NOT NULL,
          compulsory BOOLEAN NOT NULL,
          {string.Join(",\n  ", SchoolRollup.SessionColumns.Select(c => $"{c.Name} BIGINT NOT NULL"))})
        """;

    /// <summary>Before the aggregates of <paramref name="dirtyWeeks"/> (pupil_id, week_start) are deleted: their current fragments.</summary>
    public static void RememberBefore(DuckDBConnection c, string dirtyWeeks)
    {
        c.Execute($"CREATE OR REPLACE TEMP TABLE {DirtyWeeks} AS SELECT DISTINCT pupil_id, week_start FROM {dirtyWeeks}");
        c.Execute($"CREATE OR REPLACE TEMP TABLE {OldFragments} AS {DirtyFragments(Span(c))}");
    }

    /// <summary>The warehouse_info key naming the batch whose load last kept the units.</summary>
    public const string CurrentToKey = "rollup_units_batch";

    /// <summary>
    /// Whether a measure query may read the units for a bucket (<see cref="Measures.MeasureQuery"/>): the table is current on this
    /// snapshot. Remembered per published file (<see cref="PublishedSnapshotFacts"/>).
    /// </summary>
    public static bool Readable(DuckDBConnection c) =>
        PublishedSnapshotFacts.Remember(c, "rollup units readable", () => WarehouseTables.Has(c, Table) && AreCurrent(c));

    /// <summary>
    /// The kept units can be trusted: there are some, and the last batch published kept them. A load by a build that
    /// does not keep them (or a hand edit of the aggregates followed by a load) leaves them behind the aggregates;
    /// the marker tells, and the next refresh rebuilds them whole.
    /// </summary>
    internal static bool AreCurrent(DuckDBConnection c) =>
        c.Scalar<long>($"SELECT count(*) FROM (SELECT 1 FROM {Table} LIMIT 1)") > 0
        && c.Scalar<string?>("SELECT value FROM warehouse_info WHERE key = $k", ("k", CurrentToKey))
            == c.Scalar<int?>("SELECT max(batch_id) FROM batches")?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Records that the units are current to <paramref name="batchId"/>: the load that wrote them.</summary>
    public static void MarkCurrent(DuckDBConnection c, int batchId) => c.ExecuteAll(
    [
        $"DELETE FROM warehouse_info WHERE key = '{CurrentToKey}'",
        $"INSERT INTO warehouse_info VALUES ('{CurrentToKey}', '{batchId.ToString(System.Globalization.CultureInfo.InvariantCulture)}')",
    ]);

    /// <summary>A load that rewrote no enrolment-week: units that were current stay current.</summary>
    public static void CarryForward(DuckDBConnection c, int batchId)
    {
        if (AreCurrent(c)) MarkCurrent(c, batchId);
    }

    /// <summary>This load remembered the fragments of the weeks it rewrote (<see cref="RememberBefore"/>).</summary>
    internal static bool Remembered(DuckDBConnection c) =>
        c.Scalar<long>("SELECT count(*) FROM information_schema.tables WHERE table_name = $t", ("t", OldFragments)) > 0;

    /// <summary>The first and last day of the remembered weeks, or null when none were.</summary>
    internal static (DateOnly From, DateOnly To)? DirtyRange(DuckDBConnection c) => WeekRange.Of(c, DirtyWeeks);

    internal static IReadOnlyList<string> ForgetSql { get; } = [$"DROP TABLE IF EXISTS {OldFragments}", $"DROP TABLE IF EXISTS {DirtyWeeks}"];

    /// <summary>
    /// Into rollup_units, the units of the rebuilt buckets listed in rollup_unit_buckets: kept + new − old fragments of
    /// the dirty weeks, each fragment joined to its buckets by day.
    /// </summary>
    internal static string UpdatedSql(DuckDBConnection c)
    {
        var columns = SchoolRollup.SessionColumns.Select(s => s.Name).ToList();
        string Signed(string sign) => string.Join(", ", columns.Select(n => $"{sign}f.{n}"));
        return $"""
            INSERT INTO rollup_units
            SELECT bucket, urn, pupil_id, cohort, compulsory, {string.Join(", ", columns.Select(n => $"sum({n})::BIGINT"))}
            FROM (
              SELECT b.id AS bucket, k.urn, k.pupil_id, k.cohort, k.compulsory, {string.Join(", ", columns.Select(n => $"k.{n}"))}
              FROM {Table} k JOIN rollup_buckets b ON b.kind = k.kind AND b.b_from = k.b_from
              SEMI JOIN rollup_unit_buckets ub ON ub.id = b.id
              UNION ALL
              SELECT d.id, f.urn, f.pupil_id, f.cohort, f.compulsory, {Signed("")} FROM ({DirtyFragments(Span(c))}) f JOIN rollup_unit_days d ON d.day = f.frag_start
              UNION ALL
              SELECT d.id, f.urn, f.pupil_id, f.cohort, f.compulsory, {Signed("-")} FROM {OldFragments} f JOIN rollup_unit_days d ON d.day = f.frag_start)
            GROUP BY bucket, urn, pupil_id, cohort, compulsory
            HAVING {string.Join(" OR ", columns.Select(n => $"sum({n}) <> 0"))}
            """;
    }

    /// <summary>Replaces <paramref name="target"/>'s units of the rebuilt buckets of kept kinds with rollup_units', in bucket order.</summary>
    internal static IReadOnlyList<string> KeepSql(string target, bool everyBucket)
    {
        var columns = SchoolRollup.SessionColumns.Select(s => s.Name).ToList();
        return
        [
            everyBucket ? $"DELETE FROM {target}" : $"DELETE FROM {target} k USING rollup_buckets b WHERE k.kind = b.kind AND k.b_from = b.b_from",
            // In bucket order, so the rows a later load deletes (a whole bucket's) fill whole row groups.
            $"""
            INSERT INTO {target}
            SELECT b.kind, b.b_from, u.urn, u.pupil_id, u.cohort, u.compulsory, {string.Join(", ", columns.Select(n => $"u.{n}"))}
            FROM rollup_units u JOIN rollup_buckets b ON b.id = u.bucket
            WHERE b.kind IN ({string.Join(", ", KeptKinds.Select(k => $"'{k}'"))})
            ORDER BY u.bucket, u.urn, u.pupil_id
            """,
        ];
    }

    /// <summary>
    /// The dirty weeks' dates as literals (read from the table, not input): the scans drop other fragments on the date
    /// before the join and before unpacking their counts.
    /// </summary>
    private static string Span(DuckDBConnection c)
    {
        var (from, to) = DirtyRange(c) ?? (DateOnly.MinValue, DateOnly.MinValue);
        return $"a.frag_start BETWEEN {WeekRange.Literal(from)} AND {WeekRange.Literal(to)}";
    }

    /// <summary>The dirty enrolment-weeks' fragments as the aggregates hold them now: the unit's key, the day, the sessions.</summary>
    private static string DirtyFragments(string span) =>
        string.Join("\nUNION ALL\n", AggregateTable.All.Select(t =>
            $"""
            SELECT a.urn, a.pupil_id, {(t.HasCohort ? "a.cohort" : "''")} AS cohort, a.compulsory, a.frag_start,
              {string.Join(", ", SchoolRollup.SessionColumns.Select(s => $"{SessionCountSql.RowExpression(s.Sessions!, "a")}::BIGINT AS {s.Name}"))}
            FROM {t.View} a SEMI JOIN {DirtyWeeks} d ON d.pupil_id = a.pupil_id AND d.week_start = a.week_start
            WHERE {span}
            """));
}
