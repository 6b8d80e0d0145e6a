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
    public static void Run(DuckDBConnection c, bool firstLoad, int batchId)
    {
        var empty = c.Scalar<long>($"SELECT count(*) FROM {SchoolRollup.Table}") == 0;
        if (firstLoad || empty)
        {
            SchoolRollup.Refresh(c, batchId);
            return;
        }
        var range = c.Rows("SELECT min(week_start), max(week_start) + 6 FROM stage_dirty_weeks").Select(r =>
            r.IsDBNull(0) ? ((DateOnly, DateOnly)?)null : (DateOnly.FromDateTime(r.GetDateTime(0)), DateOnly.FromDateTime(r.GetDateTime(1)))).Single();
        if (range is { } dirty) SchoolRollup.Refresh(c, batchId, dirty.Item1, dirty.Item2);
        else RollupUnits.CarryForward(c, batchId); // nothing rewritten: units current before are current after
    }
}
