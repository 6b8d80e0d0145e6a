using AttendanceGraph.Schema.Identifiers;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Etl;

/// <summary>
/// A first load counts its aggregates from the registers in memory, not with <see cref="AggregateSql"/>. These
/// pupils are the awkward cases for that counting, in the week of Mon 29 Sep 2025, which straddles a month end:
/// A (born 31 Aug 2020: compulsory age) has Saturday and Sunday marks (Alpha declares weekend sessions) and
/// child-in-need with a one-day gap, bridged by a protection plan; B (born 1 Sep 2020: not yet compulsory) leaves Alpha on Tuesday and re-enrols on Thursday;
/// C moves from Alpha to Beta on Thursday, SEN support turning into an EHC plan on Wednesday, in care from Friday.
/// Key rows are checked by hand; every row must be what the SQL definition gives.
/// </summary>
public sealed class FirstLoadAggregateEdgeCaseTests
{
    private static readonly string A = Upn.Create(319, 2001, 2025, 11), B = Upn.Create(319, 2001, 2025, 12), C = Upn.Create(319, 2001, 2019, 13);
    private static readonly DateOnly Monday = new(2025, 9, 29);

    private static EtlWarehouse LoadEdgeCases()
    {
        var w = new EtlWarehouse();
        var input = w.NewFolder("edge-cases");
        // Alpha opens at weekends, so A's Saturday and Sunday marks load (and must be counted).
        WriteGiasDeclaringWeekendSessions(Path.Combine(input, "edubasealldata20250901.csv"), Alpha);
        File.WriteAllText(Path.Combine(input, "pupils.csv"), $"""
            upn,school_urn,entry_date,leaving_date,date_of_birth,sex,nc_year
            {A},{Alpha},2025-09-01,,2020-08-31,F,1
            {B},{Alpha},2025-09-01,2025-09-30,2020-09-01,M,R
            {B},{Alpha},2025-10-02,,2020-09-01,M,R
            {C},{Alpha},2024-09-01,2025-10-01,2016-05-05,M,5
            {C},{Beta},2025-10-02,,2016-05-05,M,5

            """);
        var marks = new List<(string, int, DateOnly, string, string)>();
        void Day(string upn, int urn, int offset, string am, string pm)
        {
            marks.Add((upn, urn, Monday.AddDays(offset), "AM", am));
            if (pm != "") marks.Add((upn, urn, Monday.AddDays(offset), "PM", pm));
        }
        Day(A, Alpha, 0, "/", "\\"); Day(A, Alpha, 1, "I", "I"); Day(A, Alpha, 2, "/", "\\");
        Day(A, Alpha, 3, "G", "N"); Day(A, Alpha, 4, "#", "#"); Day(A, Alpha, 5, "/", ""); Day(A, Alpha, 6, "/", "");
        Day(B, Alpha, 0, "/", "\\"); Day(B, Alpha, 1, "/", "\\"); Day(B, Alpha, 3, "/", "\\"); Day(B, Alpha, 4, "O", "O");
        Day(C, Alpha, 0, "/", "\\"); Day(C, Alpha, 1, "/", "\\"); Day(C, Alpha, 2, "L", "\\");
        Day(C, Beta, 3, "/", "\\"); Day(C, Beta, 4, "U", "\\");
        w.WriteMarks(Path.Combine(input, "marks.csv"), marks);
        File.WriteAllText(Path.Combine(input, "cohorts.csv"), $"""
            upn,cohort,start_date,end_date
            {A},CHILD_IN_NEED,2025-09-29,2025-09-30
            {A},CHILD_IN_NEED,2025-10-02,
            {A},CHILD_PROTECTION_PLAN,2025-09-30,2025-10-01
            {C},SEN_SUPPORT,2024-09-01,2025-09-30
            {C},EHC_PLAN,2025-10-01,
            {C},LOOKED_AFTER,2025-10-03,

            """);
        w.Load(input);
        return w;
    }

    private static string Row(EtlWarehouse w, string upn, string table, string where)
    {
        using var c = w.Open();
        return Assert.Single(EtlWarehouse.Rows(c, $"""
            SELECT a.urn, a.month::VARCHAR, a.compulsory, a.c_present, a.c_authorised, a.c_unauthorised, a.c_administrative
            FROM {table} a JOIN pupils p USING (pupil_id)
            WHERE p.upn = '{upn}' AND a.week_start = DATE '2025-09-29' AND {where}
            """));
    }

    [Fact]
    public void FirstLoad_AggregatesOfAwkwardWeeks_AreExactlyTheSqlDefinitionsRows()
    {
        using var w = LoadEdgeCases();
        using var c = w.Open();
        EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
        // 3 pupils' week split at the month end: A 2 fragments, B 2, C at Alpha 2 (Mon–Tue, Wed), C at Beta 1.
        Assert.Equal(7, c.Scalar<long>("SELECT count(*) FROM agg_enrolment_week"));
    }

    [Fact]
    public void FirstLoad_SplitsTheWeekAtTheMonthEnd_AndCountsTheWeekend()
    {
        using var w = LoadEdgeCases();
        // Mon–Tue (September): 2 present, 2 I. Wed–Sun (October): 4 present (Wed, Sat AM, Sun AM), G and N, two #.
        Assert.Equal("100001|2025-09-01|True|2|2|0|0", Row(w, A, "agg_enrolment_week", "a.month = DATE '2025-09-01'"));
        Assert.Equal("100001|2025-10-01|True|4|0|2|2", Row(w, A, "agg_enrolment_week", "a.month = DATE '2025-10-01'"));
    }

    [Fact]
    public void FirstLoad_ARejoiningPupilHasOneRowPerFragment_AndIsNotYetCompulsoryAge()
    {
        using var w = LoadEdgeCases();
        Assert.Equal("100001|2025-09-01|False|4|0|0|0", Row(w, B, "agg_enrolment_week", "a.month = DATE '2025-09-01'"));
        Assert.Equal("100001|2025-10-01|False|2|0|2|0", Row(w, B, "agg_enrolment_week", "a.month = DATE '2025-10-01'"));
    }

    [Fact]
    public void FirstLoad_CohortRowsCountOnlyDaysInTheCohort_WithMergedIntervals()
    {
        using var w = LoadEdgeCases();
        // Child in need: Mon–Tue, then from Thursday (Wednesday is the gap): October fragment is Thu–Sun, 6 marks.
        Assert.Equal("100001|2025-10-01|True|2|0|2|2",
            Row(w, A, "agg_cohort_enrolment_week", "a.cohort = 'CHILD_IN_NEED' AND a.month = DATE '2025-10-01'"));
        // With a social worker: the protection plan bridges the gap, so Wednesday counts as well.
        Assert.Equal("100001|2025-10-01|True|4|0|2|2",
            Row(w, A, "agg_cohort_enrolment_week", "a.cohort = 'SOCIAL_WORKER' AND a.month = DATE '2025-10-01'"));
        // SEND follows C across the move: SEN support to Tuesday, EHC plan from Wednesday, at both schools.
        using (var c = w.Open())
            Assert.Equal(3, EtlWarehouse.Rows(c, $"""
                SELECT 1 FROM agg_cohort_enrolment_week a JOIN pupils p USING (pupil_id) WHERE p.upn = '{C}' AND a.cohort = 'SEND'
                """).Count);
        // Looked after from Friday: Beta's fragment counts Friday only (U and a present PM).
        Assert.Equal("100002|2025-10-01|True|1|0|1|0",
            Row(w, C, "agg_cohort_enrolment_week", "a.cohort = 'LOOKED_AFTER'"));
    }
}
