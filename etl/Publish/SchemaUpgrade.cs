using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Etl.Publish;

/// <summary>
/// Brings the copy of an older warehouse up to <see cref="WarehouseSchema.Version"/> inside the new snapshot,
/// so an upgrade is just the next load: nothing readers see changes until that load publishes, and a failure
/// leaves the old snapshot current. The API needs no upgrade (the aggregates keep their names and columns); SQL
/// written against version 1's marks.category must join attendance_codes instead (README).
/// </summary>
public static class SchemaUpgrade
{
    public const string VersionKey = "schema_version";

    /// <summary>
    /// Runs before the snapshot's DDL (which replaces the aggregate views, so version 1's tables must be gone first);
    /// creates the new tables itself to refill them. A warehouse without a recorded version is new.
    /// </summary>
    public static void Apply(DuckDBConnection c)
    {
        var recorded = c.Scalar<long>("SELECT count(*) FROM information_schema.tables WHERE table_name = 'warehouse_info'") == 0
            ? null
            : c.Scalar<string?>("SELECT value FROM warehouse_info WHERE key = $k", ("k", VersionKey));
        if (recorded is null || recorded == WarehouseSchema.Version.ToString()) return;
        if (recorded is not ("1" or "2" or "3" or "4"))
            throw new InvalidOperationException(
                $"the warehouse is schema version {recorded}; this AttendanceGraph writes version {WarehouseSchema.Version} and cannot load into it");

        if (recorded == "1") UpgradeFrom1(c);
        // Version 2 → 3: every school known so far opens on weekdays only, until a schools file declares otherwise.
        // DuckDB refuses NOT NULL here ("Adding columns with constraints not yet supported"): the DEFAULT fills
        // every existing row, and the loader always writes a value.
        if (recorded is "1" or "2") c.Execute("ALTER TABLE schools ADD COLUMN weekend_sessions BOOLEAN DEFAULT false");
        // Version 3 → 4: every pupil's characteristics are not known (null) until a pupils or DfE file gives them; their
        // measures meanwhile are in each breakdown's Unknown group, never left out.
        if (recorded is "1" or "2" or "3")
        {
            c.ExecuteAll(
            [
                "ALTER TABLE pupils ADD COLUMN ethnicity VARCHAR",
                "ALTER TABLE pupils ADD COLUMN eal BOOLEAN",
                "ALTER TABLE pupils ADD COLUMN sen_need VARCHAR",
                "ALTER TABLE pupils ADD COLUMN resident BOOLEAN",
            ]);
        }
        // Version 4 → 5: every pupil's home LA and every school's LA UKPRN are not known until a file gives them (resident
        // keeps its value); a school learned from a DfE row has no LA code or LAESTAB, so those columns take nulls.
        c.ExecuteAll(
        [
            "ALTER TABLE pupils ADD COLUMN home_la_code SMALLINT",
            "ALTER TABLE pupils ADD COLUMN home_la_ukprn VARCHAR",
            "ALTER TABLE pupils ADD COLUMN home_la_name VARCHAR",
            "ALTER TABLE schools ADD COLUMN la_ukprn VARCHAR",
            "ALTER TABLE schools ALTER COLUMN la_code DROP NOT NULL",
            "ALTER TABLE schools ALTER COLUMN laestab DROP NOT NULL",
        ]);
        // The kept units' table (school_rollup_units) and school_open_days are created empty with the snapshot's DDL;
        // this load fills them whole (RollupUnits.AreCurrent, SchoolOpenDays.Refresh).
        c.Execute("UPDATE warehouse_info SET value = $v WHERE key = $k", ("v", WarehouseSchema.Version.ToString()), ("k", VersionKey));
    }

    private static void UpgradeFrom1(DuckDBConnection c)
    {
        // Version 1 stored marks.category (attendance_codes now decodes code_id) and the aggregates as wide
        // tables with a column per count; version 2 stores them packed behind views of the same columns.
        c.ExecuteAll(
        [
            "ALTER TABLE marks DROP COLUMN category",
            .. AggregateTable.All.Select(t => $"DROP TABLE {t.View}"),
        ]);
        c.ExecuteAll(WarehouseSchema.Statements);
        // In key order, as a first load writes them, so one school's rows share few row groups.
        c.ExecuteAll(
        [
            AggregateTable.Enrolments.InsertSql($"SELECT * FROM ({AggregateSql.EnrolmentWeeks()}) ORDER BY urn, pupil_id, frag_start"),
            AggregateTable.Cohorts.InsertSql($"SELECT * FROM ({AggregateSql.CohortEnrolmentWeeks(intervals: CohortIntervals.Inline)}) ORDER BY cohort, urn, pupil_id, frag_start"),
        ]);
    }
}
