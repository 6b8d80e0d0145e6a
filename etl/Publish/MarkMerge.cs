using AttendanceGraph.Etl.Stage;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Etl.Publish;

/// <summary>
/// Moves staged marks into the marks table. A later batch's mark for the same enrolment, date and session
/// replaces the earlier one (registers are amended: an N becomes I or O days later). The enrolment-weeks the
/// batch touched are recorded so only their aggregates are rebuilt: a daily load costs one day, not a year.
/// </summary>
public static class MarkMerge
{
    /// <summary>When the warehouse has no marks yet the loader appends straight into marks: no copy, no replace.</summary>
    public static bool CanAppendDirectly(DuckDBConnection c) => c.Scalar<long>("SELECT count(*) FROM (SELECT 1 FROM marks LIMIT 1)") == 0;

    public static long MergeStaged(DuckDBConnection c)
    {
        c.Execute($"""
            CREATE TABLE stage_dirty_weeks AS
            SELECT DISTINCT pupil_id, {WarehouseSchema.WeekStartSql("date")} AS week_start FROM {StagingTables.Marks}
            """);
        var staged = c.Scalar<long>($"SELECT count(*) FROM {StagingTables.Marks}");
        if (staged == 0) return 0;
        // The date bounds let DuckDB skip row groups outside the batch's dates (zone maps) before the join.
        c.Execute($"""
            DELETE FROM marks m USING {StagingTables.Marks} s
            WHERE m.date BETWEEN (SELECT min(date) FROM {StagingTables.Marks}) AND (SELECT max(date) FROM {StagingTables.Marks})
              AND m.urn = s.urn AND m.pupil_id = s.pupil_id AND m.date = s.date AND m.session = s.session
            """);
        c.Execute($"INSERT INTO marks SELECT * FROM {StagingTables.Marks}");
        return staged;
    }
}
