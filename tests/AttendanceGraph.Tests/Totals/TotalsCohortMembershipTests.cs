using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.ResidentsElsewhere;

namespace AttendanceGraph.Tests.Totals;

/// <summary>
/// A week known only as DfE totals counts in a cohort when the pupil's membership overlaps it, once. Cohort intervals are
/// merged only where they overlap, so R1 in FSM from 1 to 9 September and again from 10 September has two intervals in
/// the week of Mon 8 September; joined on each, that week was two cohort rows (two enrolments, twice the sessions in a
/// week's figures, and a first load's in-memory rollup, which adds one enrolment's rows up, disagreed with the SQL's).
/// </summary>
public sealed class TotalsCohortMembershipTests
{
    [Fact]
    public void ATotalsWeekOverlappingTwoAdjacentMembershipsOfACohort_IsOneCohortRow_AndTheRollupIsTheDefinitions()
    {
        using var w = new EtlWarehouse();
        var input = ResidentsElsewhere.Write(w);
        File.AppendAllText(Path.Combine(input, "fsm.csv"), $"{R1},FSM,2025-09-01,2025-09-09\n{R1},FSM,2025-09-10,\n");
        w.Load(input);
        using var c = w.Open();

        Assert.Equal(2L, c.Scalar<long>($"SELECT count(*) FROM {CohortIntervals.Table} i JOIN pupils p USING (pupil_id) WHERE p.upn = '{R1}' AND i.cohort = 'FSM'"));
        Assert.Equal(["FSM|2025-09-08|10"], EtlWarehouse.Rows(c, $"""
            SELECT a.cohort, a.week_start::VARCHAR, a.c_present + a.c_authorised + a.c_unauthorised + a.c_aea
            FROM agg_cohort_enrolment_week a JOIN pupils p USING (pupil_id) WHERE p.upn = '{R1}' AND a.cohort = 'FSM'
            """));
        EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
    }
}
