using AttendanceGraph.Schema.Rollups;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Etl.Publish;

/// <summary>
/// Brings the school rollup (<see cref="SchoolRollup"/>) up to date with the aggregates just written: in full after a
/// first load (or when a warehouse from before the rollup gets its first load with it), otherwise only the buckets
/// overlapping the weeks this load dirtied, their years and terms by difference (<see cref="RollupUnits"/>), so a
/// daily load's cost follows its own weeks and the enrolments on roll, not the year's marks.
/// </summary>
public static class RollupRefresh
{
    /// <returns>The buckets rewritten, or null when the load rewrote no week.</returns>
    public static RollupRewrite? Run(DuckDBConnection c, bool firstLoad, int batchId)
    {
        var empty = c.Scalar<long>($"SELECT count(*) FROM {SchoolRollup.Table}") == 0;
        if (firstLoad || empty) return SchoolRollup.Refresh(c, batchId);
        if (WeekRange.Of(c, "stage_dirty_weeks") is var (from, to)) return SchoolRollup.Refresh(c, batchId, from, to);
        RollupUnits.CarryForward(c, batchId); // nothing rewritten: units current before are current after
        return null;
    }
}
