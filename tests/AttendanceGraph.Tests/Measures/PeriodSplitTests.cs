using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Measures;

/// <summary>
/// Unaligned periods read their whole fragments from the aggregates and only their edge days from the marks. The
/// figures must be exactly those of reading every day from the marks. Hand-checked on <see cref="HandCheckedAuthority"/>
/// (school days Wed 3 – Fri 12 Sep 2025; fragments Mon 1 – Sun 7 and Mon 8 – Sun 14 Sep).
/// </summary>
[Collection(HandCheckedCollection.Name)]
public sealed class PeriodSplitTests(HandCheckedWarehouse warehouse)
{
    private static DateOnly Sep(int day) => new(2025, 9, day);

    private IReadOnlyList<MeasureRow> Run(MeasureRequest request, bool split = true)
    {
        using var c = warehouse.Open();
        return MeasureQuery.Run(c, request, wholeFragmentsFromAggregates: split);
    }

    [Fact]
    public void WeeklySplit_CutsAtMondaysOnly_SoNoWeekIsInTwoParts()
    {
        // Wed 29 Oct – Tue 11 Nov 2025: the week of Mon 27 Oct holds 1 November (a fragment start) but stays one part.
        var s = WeeklySplit.Of(Period.Range(new DateOnly(2025, 10, 29), new DateOnly(2025, 11, 11)))!;
        Assert.Equal((new DateOnly(2025, 11, 3), new DateOnly(2025, 11, 9)), (s.WholeWeeks.Start, s.WholeWeeks.End));
        Assert.Equal([(new DateOnly(2025, 10, 29), new DateOnly(2025, 11, 2)), (new DateOnly(2025, 11, 10), new DateOnly(2025, 11, 11))],
            s.PartWeeks.Select(p => (p.Start, p.End)));
        // No whole week (Wed – Tue of the next week), or nothing to split (Mon – Sun): no split.
        Assert.Null(WeeklySplit.Of(Period.Range(new DateOnly(2025, 11, 5), new DateOnly(2025, 11, 11))));
        Assert.Null(WeeklySplit.Of(Period.Range(new DateOnly(2025, 11, 3), new DateOnly(2025, 11, 16))));
    }

    [Fact]
    public void Split_CutsAtMondaysAndMonthStarts()
    {
        // Wed 29 Oct – Tue 11 Nov 2025: Sat 1 Nov starts a fragment (a month), Mon 10 Nov starts the last one.
        var s = PeriodSplit.Of(Period.Range(new DateOnly(2025, 10, 29), new DateOnly(2025, 11, 11)));
        Assert.Equal((new DateOnly(2025, 11, 1), new DateOnly(2025, 11, 9)), s.Core);
        Assert.Equal([(new DateOnly(2025, 10, 29), new DateOnly(2025, 10, 31)), (new DateOnly(2025, 11, 10), new DateOnly(2025, 11, 11))], s.Edges);
    }

    [Fact]
    public void Split_OfAPeriodInsideOneFragment_IsAllEdge()
    {
        var s = PeriodSplit.Of(Period.Range(Sep(9), Sep(11)));
        Assert.Null(s.Core);
        Assert.Equal([(Sep(9), Sep(11))], s.Edges);
    }

    [Fact]
    public void EdgeDaysBeforeAWholeWeek_AddUpToTheHandCheckedFigures()
    {
        // Thu 4 – Sun 14 Sep (edge 4–5 from marks, week of 8 Sep from the aggregates): the whole fortnight's 90 possible
        // and 16 absent less 3 Sep's sessions: P1 2, P2 2, P4 2 (1 O), P5 0 (Y2), P6@Beta 2 (1 M), P7 2 = 10 possible, 2 absent.
        var v = Assert.Single(Run(new MeasureRequest(Period.Range(Sep(4), Sep(14))))).Values;
        Assert.Equal((7L, 80L, 14L), (v.Enrolments, v.PossibleSessions, v.OverallAbsenceSessions));
        Assert.Equal(4, v.PersistentAbsenceEnrolments); // P2 2/14, P4 7/14, P5 1/10 (exactly 10%), P7 3/14
    }

    [Fact]
    public void AWholeWeekBeforeEdgeDays_AddsUpToTheHandCheckedFigures()
    {
        // Mon 1 – Tue 9 Sep (week of 1 Sep from the aggregates, 8–9 from marks), school days 3, 4, 5, 8, 9:
        // P1 10/0, P2 10/2, P4 10/5, P5 4/1 (Y2 until 5 Sep, G on 8 AM), P6@Beta 4/1, P6@Gamma 6/0 (L is present), P7 10/0.
        var v = Assert.Single(Run(new MeasureRequest(Period.Range(Sep(1), Sep(9))))).Values;
        Assert.Equal((7L, 54L, 9L), (v.Enrolments, v.PossibleSessions, v.OverallAbsenceSessions));
    }

    [Fact]
    public void CohortOverASplitPeriod_CountsOnlyItsSessions()
    {
        // P6 entered care on Mon 8 Sep: the whole week of 8 Sep at Gamma, 10 sessions, one U; nothing on the edge days.
        var lac = Assert.Single(Run(new MeasureRequest(Period.Range(Sep(4), Sep(14))) { Population = Population.Cohort, Cohorts = ["LOOKED_AFTER"] })).Values;
        Assert.Equal((1L, 10L, 1L), (lac.Enrolments, lac.PossibleSessions, lac.UnauthorisedAbsenceSessions));
    }

    public static TheoryData<string> Shapes() => new() { "all", "school", "phase", "week", "cohort", "rest", "pupil", "codes", "urns" };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void SplitPeriods_EqualReadingEveryDayFromTheMarks(string shape)
    {
        foreach (var (from, to) in new[] { (4, 14), (1, 9), (3, 10), (5, 8), (9, 11), (2, 12), (7, 8) })
        {
            var request = new MeasureRequest(Period.Range(Sep(from), Sep(to)));
            request = shape switch
            {
                "school" => request with { GroupBy = MeasureGrouping.School },
                "phase" => request with { GroupBy = MeasureGrouping.Phase, Phase = "Primary" },
                "week" => request with { Grain = TimeGrain.Week, IncludeAllAges = true },
                "cohort" => request with { Population = Population.Cohort, Cohorts = ["LOOKED_AFTER", "SEND", "FSM"] },
                "rest" => request with { Population = Population.RestOfPupils, Cohorts = ["LOOKED_AFTER", "EHC_PLAN"], GroupBy = MeasureGrouping.School },
                "pupil" => request with { Unit = MeasureUnit.Pupil },
                "codes" => request with { IncludeCodes = true },
                "urns" => request with { Urns = [Beta, Gamma], GroupBy = MeasureGrouping.School },
                _ => request,
            };
            Assert.Equal(Describe(Run(request, split: false)), Describe(Run(request)));
        }
    }

    private static List<string> Describe(IReadOnlyList<MeasureRow> rows) => rows.Select(r =>
        $"{r.Urn}|{r.Phase}|{r.BucketStart}|{r.Cohort}|{r.Values with { CodeSessions = null }}|{string.Join(',', (r.Values.CodeSessions ?? new Dictionary<string, long>()).OrderBy(k => k.Key).Select(k => $"{k.Key}={k.Value}"))}").ToList();
}
