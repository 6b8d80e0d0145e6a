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

    public static void Run(DuckDBConnection c, bool everything)
    {
        if (everything)
        {
            c.ExecuteAll(["DELETE FROM agg_enrolment_week", "DELETE FROM agg_cohort_enrolment_week"]);
            // In ranges of pupils: one pivot over 38 million marks ran DuckDB out of memory at the ETL's 1 GB limit.
            // Each range holds a pupil's every mark, so the rows are the same as one pass would give.
            foreach (var (lo, hi) in PupilRanges(c))
            {
                const string inRange = "WHERE m.pupil_id BETWEEN $lo AND $hi";
                c.Execute($"INSERT INTO agg_enrolment_week {AggregateSql.EnrolmentWeeks(inRange)} ORDER BY 1, 2, 3, 5", ("lo", lo), ("hi", hi));
                c.Execute($"INSERT INTO agg_cohort_enrolment_week {AggregateSql.CohortEnrolmentWeeksFromAggregates(
                    "WHERE a.pupil_id BETWEEN $lo AND $hi", "m.pupil_id BETWEEN $lo AND $hi")} ORDER BY 1, 2, 3, 4, 6", ("lo", lo), ("hi", hi));
            }
            return;
        }

        c.ExecuteAll(
        [
            """
            INSERT INTO stage_dirty_weeks
            SELECT DISTINCT a.pupil_id, a.week_start FROM agg_enrolment_week a
            WHERE a.pupil_id IN (SELECT pupil_id FROM stage_dirty_pupils)
            """,
            "CREATE OR REPLACE TEMP TABLE dw AS SELECT DISTINCT pupil_id, week_start FROM stage_dirty_weeks",
            "DELETE FROM agg_enrolment_week a USING dw WHERE a.pupil_id = dw.pupil_id AND a.week_start = dw.week_start",
            "DELETE FROM agg_cohort_enrolment_week a USING dw WHERE a.pupil_id = dw.pupil_id AND a.week_start = dw.week_start",
        ]);
        // Literal date bounds of the dirty weeks let the scan of marks skip and cheaply drop rows outside them
        // before the join (a daily load dirties one week; scanning every mark through the join cost seconds).
        var from = c.Scalar<string>("SELECT min(week_start)::VARCHAR FROM dw");
        var to = c.Scalar<string>("SELECT (max(week_start) + 6)::VARCHAR FROM dw");
        if (from is not null && to is not null)
        {
            var join = $"{DirtyWeeksJoin}\nWHERE m.date BETWEEN DATE '{from}' AND DATE '{to}'";
            c.ExecuteAll(
            [
                $"INSERT INTO agg_enrolment_week {AggregateSql.EnrolmentWeeks(join)}",
                $"INSERT INTO agg_cohort_enrolment_week {AggregateSql.CohortEnrolmentWeeks(join)}",
            ]);
        }
        c.Execute("DROP TABLE dw");
    }

    private const long MarksPerRange = 4_000_000;

    private static IEnumerable<(int Lo, int Hi)> PupilRanges(DuckDBConnection c)
    {
        var marks = c.Scalar<long>("SELECT count(*) FROM marks");
        var maxId = c.Scalar<int?>("SELECT max(pupil_id) FROM marks") ?? 0;
        var ranges = (int)Math.Max(1, (marks + MarksPerRange - 1) / MarksPerRange);
        var width = maxId / ranges + 1;
        for (var lo = 0; lo <= maxId; lo += width) yield return (lo, Math.Min(maxId, lo + width - 1));
    }
}
