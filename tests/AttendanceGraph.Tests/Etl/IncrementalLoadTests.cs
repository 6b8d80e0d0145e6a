using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Etl;

/// <summary>
/// Later batches amend and extend the warehouse: the incrementally refreshed aggregates must always equal a
/// from-scratch rebuild (<see cref="EtlWarehouse.DifferenceFromFullRebuild"/>) over the same snapshot.
/// </summary>
public sealed class IncrementalLoadTests
{
    private static readonly DateOnly Thursday11 = new(2025, 9, 11), Week8 = new(2025, 9, 8), Monday15 = new(2025, 9, 15);

    private static (long Unauthorised, long Authorised, long N, long I) P7Week(EtlWarehouse w, string table = "agg_enrolment_week", string extra = "")
    {
        using var c = w.Open();
        var row = Assert.Single(EtlWarehouse.Rows(c, $"""
            SELECT sum(a.c_unauthorised), sum(a.c_authorised), sum(a.n_n), sum(a.n_i)
            FROM {table} a JOIN pupils p USING (pupil_id)
            WHERE p.upn = '{P7}' AND a.urn = {Gamma} AND a.week_start = DATE '{Week8:yyyy-MM-dd}' {extra}
            """));
        var v = row.Split('|').Select(long.Parse).ToArray();
        return (v[0], v[1], v[2], v[3]);
    }

    [Fact]
    public void ACorrectedMark_ReplacesTheEarlierMark_AndTheWeeksAggregateFollows()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        long marksBefore;
        using (var c = w.Open()) marksBefore = c.Scalar<long>("SELECT count(*) FROM marks");
        var before = P7Week(w);
        var beforeFsm = P7Week(w, "agg_cohort_enrolment_week", "AND a.cohort = 'FSM'");
        Assert.Equal((3L, 0L, 3L, 0L), before); // P7's three unresolved N that week (hand-checked)

        // The school resolves Thursday morning's N as illness.
        var correction = w.WriteMarks(Path.Combine(w.NewFolder("correction"), "marks-amended.csv"), [(P7, Gamma, Thursday11, "AM", "I")]);
        var result = w.Load(correction);

        Assert.Equal(2, result.BatchId);
        Assert.Equal(1, result.Marks);
        using (var c = w.Open())
        {
            Assert.Equal(marksBefore, c.Scalar<long>("SELECT count(*) FROM marks"));
            var thursdayAm = Assert.Single(EtlWarehouse.Rows(c, $"""
                SELECT m.code_id, m.batch_id FROM marks m JOIN pupils p USING (pupil_id)
                WHERE p.upn = '{P7}' AND m.date = DATE '{Thursday11:yyyy-MM-dd}' AND m.session = 0
                """));
            Assert.Equal($"{AttendanceGraph.Schema.Codes.CodeCatalogue.Instance.Codes.Single(k => k.Code == "I").Id}|2", thursdayAm);
            EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
        }
        Assert.Equal((before.Unauthorised - 1, before.Authorised + 1, before.N - 1, before.I + 1), P7Week(w));
        Assert.Equal((beforeFsm.Unauthorised - 1, beforeFsm.Authorised + 1, beforeFsm.N - 1, beforeFsm.I + 1),
            P7Week(w, "agg_cohort_enrolment_week", "AND a.cohort = 'FSM'"));
    }

    [Fact]
    public void TheNextSchoolDaysMarks_AreAddedExactly_AndIncrementalAggregatesEqualAFullRebuild()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        long marksBefore, aggBefore;
        using (var c = w.Open())
        {
            marksBefore = c.Scalar<long>("SELECT count(*) FROM marks");
            aggBefore = c.Scalar<long>("SELECT count(*) FROM agg_enrolment_week");
        }

        // Monday 15 September for every enrolment on roll that day (P6 is at Gamma by then).
        var onRoll = new[] { (P1, Alpha), (P2, Alpha), (P3, Alpha), (P4, Beta), (P5, Beta), (P6, Gamma), (P7, Gamma), (P8, Gamma) };
        var day = onRoll.SelectMany(e => new[] { (e.Item1, e.Item2, Monday15, "AM", "/"), (e.Item1, e.Item2, Monday15, "PM", e.Item1 == P4 ? "O" : "\\") }).ToList();
        var result = w.Load(w.WriteMarks(Path.Combine(w.NewFolder("daily"), "marks-2025-09-15.csv"), day));

        Assert.Equal(16, result.Marks);
        using var after = w.Open();
        Assert.Equal(marksBefore + 16, after.Scalar<long>("SELECT count(*) FROM marks"));
        Assert.Equal(16, after.Scalar<long>("SELECT count(*) FROM marks WHERE date = DATE '2025-09-15' AND batch_id = 2"));
        Assert.Equal(0, after.Scalar<long>("SELECT count(*) FROM marks WHERE batch_id = 2 AND date <> DATE '2025-09-15'"));
        // A new week: one new row per enrolment on roll, none of the earlier rows touched.
        Assert.Equal(aggBefore + 8, after.Scalar<long>("SELECT count(*) FROM agg_enrolment_week"));
        Assert.Equal(1, after.Scalar<long>($"""
            SELECT sum(c_unauthorised)::BIGINT FROM agg_enrolment_week a JOIN pupils p USING (pupil_id)
            WHERE p.upn = '{P4}' AND a.week_start = DATE '2025-09-15'
            """));
        // P6 entered care on 8 Sep (open-ended): the new day counts in the looked-after cohort too.
        Assert.Equal(2, after.Scalar<long>($"""
            SELECT sum(c_present)::BIGINT FROM agg_cohort_enrolment_week a JOIN pupils p USING (pupil_id)
            WHERE p.upn = '{P6}' AND a.cohort = 'LOOKED_AFTER' AND a.week_start = DATE '2025-09-15'
            """));
        EtlWarehouse.AssertAggregatesEqualFullRebuild(after);
    }

    [Fact]
    public void AnAmendmentInAWeekSplitByAMonthEnd_RebuildsBothFragmentsOfThatWeek()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        // Monday 29 September to Friday 3 October 2025: two fragments, 29–30 Sep and 1–3 Oct.
        var week = Enumerable.Range(0, 5).Select(d => new DateOnly(2025, 9, 29).AddDays(d)).ToList();
        var marks = week.SelectMany(d => new[] { (P7, Gamma, d, "AM", "N"), (P7, Gamma, d, "PM", "N") }).ToList();
        w.Load(w.WriteMarks(Path.Combine(w.NewFolder("late-september"), "marks.csv"), marks));

        // Tuesday 30 September's N becomes illness, and Thursday 2 October's too: one amendment in each fragment.
        var amended = w.Load(w.WriteMarks(Path.Combine(w.NewFolder("amended"), "marks.csv"),
            [(P7, Gamma, new DateOnly(2025, 9, 30), "AM", "I"), (P7, Gamma, new DateOnly(2025, 10, 2), "PM", "I")]));

        Assert.Equal(2, amended.Marks);
        using var c = w.Open();
        var fragments = EtlWarehouse.Rows(c, $"""
            SELECT frag_start::VARCHAR, c_unauthorised, c_authorised, n_n, n_i FROM agg_enrolment_week a JOIN pupils p USING (pupil_id)
            WHERE p.upn = '{P7}' AND a.week_start = DATE '2025-09-29' ORDER BY frag_start
            """);
        Assert.Equal(["2025-09-29|3|1|3|1", "2025-10-01|5|1|5|1"], fragments);
        EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
    }

    [Fact]
    public void ACohortFileReloadedWithAChangedEndDate_RebuildsThatPupilsCohortAggregates()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        const string lacSessions = """
            SELECT coalesce(sum(c_present + c_aea + c_authorised + c_unauthorised + c_not_counted + c_administrative), 0)::BIGINT
            FROM agg_cohort_enrolment_week a JOIN pupils p USING (pupil_id)
            WHERE p.upn = $upn AND a.cohort = 'LOOKED_AFTER'
            """;
        using (var c = w.Open())
            Assert.Equal(10L, c.Scalar<long>(lacSessions, ("upn", P6))); // 8–12 Sep at Gamma

        // Care ended on Wednesday 10 September: only 8, 9 and 10 Sep count now.
        var folder = w.NewFolder("social-care");
        File.WriteAllText(Path.Combine(folder, "social_care.csv"), $"upn,cohort,start_date,end_date\n{P6},LOOKED_AFTER,2025-09-08,2025-09-10\n");
        var result = w.Load(folder);

        Assert.Equal(2, result.BatchId);
        Assert.Equal(1, result.CohortMemberships);
        using var after = w.Open();
        Assert.Equal(6L, after.Scalar<long>(lacSessions, ("upn", P6)));
        Assert.Equal("2025-09-10", after.Scalar<string>($"SELECT end_date::VARCHAR FROM cohort_memberships WHERE upn = '{P6}' AND cohort = 'LOOKED_AFTER'"));
        EtlWarehouse.AssertAggregatesEqualFullRebuild(after);
        // Other pupils' cohort rows are untouched: P7's FSM rows still come from batch 1's data.
        Assert.Equal(16L, after.Scalar<long>(lacSessions.Replace("LOOKED_AFTER", "FSM"), ("upn", P7)));
    }
}
