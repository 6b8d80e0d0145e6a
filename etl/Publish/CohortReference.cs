using AttendanceGraph.Schema.Cohorts;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Etl.Publish;

/// <summary>
/// Rewrites the cohort reference tables in every snapshot: <c>cohorts</c> (key, name, description, statutory, order)
/// and <c>reporting_cohorts</c> (which membership cohorts make up each), from the statutory list in code and the LA's
/// declared cohorts (<c>la_cohorts</c>). Written only into a new warehouse, a cohort added later would be advertised
/// and measure empty; so a pupil whose cohort rows change with the definitions (a new cohort, a changed union) is
/// marked dirty, and the load rebuilds their aggregates and the rollup years they touch.
/// </summary>
public static class CohortReference
{
    /// <summary>
    /// Runs after the batch's definitions and memberships are staged and before the aggregates are refreshed. Says whether
    /// any reporting cohort is now made of different membership cohorts.
    /// </summary>
    public static bool Rewrite(DuckDBConnection c)
    {
        c.ExecuteAll(
        [
            "CREATE OR REPLACE TEMP TABLE reporting_cohorts_before AS SELECT * FROM reporting_cohorts",
            "DELETE FROM reporting_cohorts",
            "DELETE FROM cohorts",
        ]);
        using (var cohorts = c.CreateAppender("cohorts"))
        using (var members = c.CreateAppender("reporting_cohorts"))
        {
            var position = 0;
            foreach (var k in ReportingCohort.All)
            {
                cohorts.CreateRow().AppendValue(k.Key).AppendValue(k.Label).AppendValue(k.Description).AppendValue(true).AppendValue(position++).EndRow();
                foreach (var m in k.MembershipCohorts) members.CreateRow().AppendValue(k.Key).AppendValue(m).EndRow();
            }
        }
        // The LA's cohorts after the statutory ones, by key: one membership cohort of the same key each.
        c.Execute("INSERT INTO cohorts SELECT cohort, name, description, false, $first - 1 + row_number() OVER (ORDER BY cohort) FROM la_cohorts",
            ("first", ReportingCohort.All.Count));
        c.ExecuteAll(
        [
            "INSERT INTO reporting_cohorts SELECT cohort, cohort FROM la_cohorts",
            """
            INSERT INTO stage_dirty_pupils
            SELECT DISTINCT p.pupil_id FROM pupils p JOIN cohort_memberships cm ON cm.upn = p.upn
            WHERE cm.cohort IN (SELECT membership_cohort FROM (
              (SELECT * FROM reporting_cohorts_before EXCEPT SELECT * FROM reporting_cohorts)
              UNION ALL
              (SELECT * FROM reporting_cohorts EXCEPT SELECT * FROM reporting_cohorts_before)))
            """,
        ]);
        var changed = c.Scalar<long>("""
            SELECT count(*) FROM ((SELECT * FROM reporting_cohorts_before EXCEPT SELECT * FROM reporting_cohorts)
              UNION ALL (SELECT * FROM reporting_cohorts EXCEPT SELECT * FROM reporting_cohorts_before))
            """) > 0;
        c.Execute("DROP TABLE reporting_cohorts_before");
        return changed;
    }
}
