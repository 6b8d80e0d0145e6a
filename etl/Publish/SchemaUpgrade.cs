using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Etl.Publish;

/// <summary>
/// Brings the copy of an older warehouse up to <see cref="WarehouseSchema.Version"/> inside the new snapshot,
/// so an upgrade is just the next load: nothing readers see changes until that load publishes, and a failure
/// leaves the old snapshot current. Readers need no upgrade: each version keeps the columns they query.
/// </summary>
public static class SchemaUpgrade
{
    public const string VersionKey = "schema_version";

    /// <summary>Runs before the DDL. A warehouse without a recorded version is new (the DDL creates it).</summary>
    public static void Apply(DuckDBConnection c)
    {
        var recorded = c.Scalar<long>("SELECT count(*) FROM information_schema.tables WHERE table_name = 'warehouse_info'") == 0
            ? null
            : c.Scalar<string?>("SELECT value FROM warehouse_info WHERE key = $k", ("k", VersionKey));
        if (recorded is null || recorded == WarehouseSchema.Version.ToString()) return;
        if (recorded != "1")
            throw new InvalidOperationException(
                $"the warehouse is schema version {recorded}; this AttendanceGraph writes version {WarehouseSchema.Version} and cannot load into it");

        // Version 1 stored marks.category (attendance_codes now decodes code_id) and the aggregates as wide
        // tables with a column per count; version 2 stores them packed behind views of the same columns.
        c.ExecuteAll(
        [
            "ALTER TABLE marks DROP COLUMN category",
            .. AggregateTable.All.Select(t => $"DROP TABLE {t.View}"),
        ]);
        c.ExecuteAll(WarehouseSchema.Statements);
        c.ExecuteAll(
        [
            AggregateTable.Enrolments.InsertSql(AggregateSql.EnrolmentWeeks()),
            AggregateTable.Cohorts.InsertSql(AggregateSql.CohortEnrolmentWeeks()),
        ]);
        c.Execute("UPDATE warehouse_info SET value = $v WHERE key = $k", ("v", WarehouseSchema.Version.ToString()), ("k", VersionKey));
    }
}
