using AttendanceGraph.Schema.Rollups;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Etl.Publish;

/// <summary>
/// Rebuilds the aggregate rows of the dirty enrolment-weeks (from new marks, and every week of pupils whose
/// date of birth, enrolments or cohort memberships changed). The aggregates are what the API reads; their SQL
/// is <see cref="AggregateSql"/>, generated from the code catalogue.
/// </summary>
public static class AggregateRefresh
{
    private static readonly string DirtyWeeksJoin = $"JOIN dw ON dw.pupil_id = m.pupil_id AND dw.week_start = {WarehouseSchema.WeekStartSql("m.date")}";

    public static void Run(DuckDBConnection c)
    {
        c.ExecuteAll(
        [
            """
            INSERT INTO stage_dirty_weeks
            SELECT DISTINCT a.pupil_id, a.week_start FROM agg_enrolment_week a
            WHERE a.pupil_id IN (SELECT pupil_id FROM stage_dirty_pupils)
            """,
            "CREATE OR REPLACE TEMP TABLE dw AS SELECT DISTINCT pupil_id, week_start FROM stage_dirty_weeks",
        ]);
        // The school rollup's kept units are brought up to date by difference: it needs these weeks' rows as they were.
        RollupUnits.RememberBefore(c, "dw");
        c.ExecuteAll(
        [
            // Joined on the week computed from frag_start (an equality, so a hash join), as the table stores no week.
            .. AggregateTable.All.Select(t =>
                $"DELETE FROM {t.Table} a USING dw WHERE a.pupil_id = dw.pupil_id AND {WarehouseSchema.WeekStartSql("a.frag_start")} = dw.week_start"),
        ]);
        // Literal date bounds of the dirty weeks let the scan of marks skip and cheaply drop rows outside them
        // before the join (a daily load dirties one week; scanning every mark through the join cost seconds).
        if (WeekRange.Of(c, "dw") is var (firstDay, lastDay))
        {
            var (from, to) = (WeekRange.Literal(firstDay), WeekRange.Literal(lastDay));
            var join = $"{DirtyWeeksJoin}\nWHERE m.date BETWEEN {from} AND {to}";
            c.ExecuteAll(
            [
                AggregateTable.Enrolments.InsertSql(AggregateSql.EnrolmentWeeks(join)),
                AggregateTable.Cohorts.InsertSql(AggregateSql.CohortEnrolmentWeeks(join)),
            ]);
            // The same weeks' session totals, where the enrolment has no marks that week (registers win). Skipped in a
            // warehouse without totals: the registers-win check would still scan the dirty weeks' marks.
            var totals = $"t.span_start BETWEEN {from} AND {to} AND EXISTS (SELECT 1 FROM dw WHERE dw.pupil_id = t.pupil_id AND dw.week_start = t.span_start)";
            var bound = $"m.date BETWEEN {from} AND {to}";
            if (c.Scalar<bool>("SELECT EXISTS (SELECT 1 FROM session_totals)"))
                c.ExecuteAll(
                [
                    AggregateTable.Enrolments.InsertSql(AggregateSql.TotalsEnrolmentWeeks(totals, bound)),
                    AggregateTable.Cohorts.InsertSql(AggregateSql.CohortTotalsEnrolmentWeeks(totals, bound)),
                ]);
        }
        c.Execute("DROP TABLE dw");
    }
}
