using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Measures;

/// <summary>
/// Every expected number here was worked out by hand from <see cref="HandCheckedAuthority"/> (sessions 3–12 Sep 2025).
/// Compulsory-age enrolments: P1 Alpha 16 possible/0 absent; P2 Alpha 16/2 I; P4 Beta 16/8 O; P5 Beta 10/1 G (6 Y2
/// not possible); P6 Beta 4/1 M; P6 Gamma 12/1 U (+1 L present); P7 Gamma 16/3 N. Total 90 possible, 74 attended,
/// 3 authorised, 13 unauthorised, 16 absent; PA: P2, P4, P5, P6@Beta, P7 = 5 of 7; SA: P4.
/// </summary>
[Collection(HandCheckedCollection.Name)]
public sealed class MeasureQueryTests(HandCheckedWarehouse warehouse)
{
    private static readonly Period Autumn1 = Period.ForHalfTerm(new AcademicYear(2025), Term.Autumn, 1);

    private IReadOnlyList<MeasureRow> Run(MeasureRequest request)
    {
        using var c = warehouse.Open();
        return MeasureQuery.Run(c, request);
    }

    private MeasureValues One(MeasureRequest request) => Assert.Single(Run(request)).Values;

    [Fact]
    public void LocalAuthority_SumsSessionsOverEveryEnrolment()
    {
        var v = One(new MeasureRequest(Autumn1));
        Assert.Equal(new MeasureValues(7, 90, 74, 3, 13, 16, 2, 5, 1), v with { CodeSessions = null });
        Assert.Equal(17.7778, v.OverallAbsenceRate);
        Assert.Equal(3.3333, v.AuthorisedAbsenceRate);
        Assert.Equal(14.4444, v.UnauthorisedAbsenceRate);
        Assert.Equal(71.4286, v.PersistentAbsenceRate);
        Assert.Equal(14.2857, v.SevereAbsenceRate);
    }

    [Fact]
    public void PersistentAbsence_IncludesExactlyTenPercent()
    {
        // P5 alone: 1 G out of 10 possible sessions is exactly 10%.
        var beta = Run(new MeasureRequest(Autumn1) { GroupBy = MeasureGrouping.School, Urns = [Beta] });
        Assert.Equal(3, Assert.Single(beta).Values.PersistentAbsenceEnrolments);
    }

    [Fact]
    public void NotPossibleSessions_AreLeftOutOfTheDenominator()
    {
        var beta = Assert.Single(Run(new MeasureRequest(Autumn1) { Urns = [Beta], IncludeCodes = true })).Values;
        Assert.Equal(30, beta.PossibleSessions); // 16 + 10 + 4: P5's six Y2 sessions are not possible sessions
        Assert.Equal(6, beta.CodeSessions!["Y2"]);
    }

    [Fact]
    public void PupilWhoMovedSchool_CountsAtEachSchool()
    {
        var rows = Run(new MeasureRequest(Autumn1) { GroupBy = MeasureGrouping.School }).ToDictionary(r => r.Urn!.Value, r => r.Values);
        Assert.Equal((2L, 32L, 2L, 1L), (rows[Alpha].Enrolments, rows[Alpha].PossibleSessions, rows[Alpha].OverallAbsenceSessions, rows[Alpha].PersistentAbsenceEnrolments));
        Assert.Equal((3L, 30L, 10L, 3L, 1L), (rows[Beta].Enrolments, rows[Beta].PossibleSessions, rows[Beta].OverallAbsenceSessions, rows[Beta].PersistentAbsenceEnrolments, rows[Beta].SevereAbsenceEnrolments));
        Assert.Equal((2L, 28L, 4L, 1L), (rows[Gamma].Enrolments, rows[Gamma].PossibleSessions, rows[Gamma].OverallAbsenceSessions, rows[Gamma].PersistentAbsenceEnrolments));
        Assert.DoesNotContain(Merton, rows.Keys);
    }

    [Fact]
    public void PupilBasedView_CountsOnePupilAcrossSchools()
    {
        // P6 as one pupil: 16 possible, 2 absent (M at Beta, U at Gamma) = 12.5%, so PA; as enrolments only Beta's is.
        var v = One(new MeasureRequest(Autumn1) { Unit = MeasureUnit.Pupil, Population = Population.Cohort, Cohorts = ["LOOKED_AFTER"] });
        Assert.Equal((1L, 10L, 1L, 1L), (v.Enrolments, v.PossibleSessions, v.OverallAbsenceSessions, v.PersistentAbsenceEnrolments));
        var all = One(new MeasureRequest(Autumn1) { Unit = MeasureUnit.Pupil });
        Assert.Equal((6L, 90L, 16L), (all.Enrolments, all.PossibleSessions, all.OverallAbsenceSessions));
        Assert.Equal(5, all.PersistentAbsenceEnrolments); // P2, P4, P5, P6 (12.5%), P7
    }

    [Fact]
    public void CompulsorySchoolAge_IsTheDefault_AndAllAgesAddsReceptionAndSixthForm()
    {
        var all = One(new MeasureRequest(Autumn1) { IncludeAllAges = true });
        Assert.Equal((9L, 122L, 24L), (all.Enrolments, all.PossibleSessions, all.OverallAbsenceSessions));
    }

    [Fact]
    public void CohortMeasure_CountsOnlySessionsWhileInTheCohort()
    {
        // P6 entered care on Mon 8 Sep: 10 sessions at Gamma, one U.
        var lac = One(new MeasureRequest(Autumn1) { Population = Population.Cohort, Cohorts = ["LOOKED_AFTER"] });
        Assert.Equal((1L, 10L, 1L, 1L), (lac.Enrolments, lac.PossibleSessions, lac.UnauthorisedAbsenceSessions, lac.PersistentAbsenceEnrolments));
    }

    [Fact]
    public void UnionCohort_CountsADayInBothPartsOnce()
    {
        // P2's SEN support ends on 5 Sep, the day the EHC plan starts; both I sessions fall that day.
        var rows = Run(new MeasureRequest(Autumn1) { Population = Population.Cohort, Cohorts = ["SEN_SUPPORT", "EHC_PLAN", "SEND"] })
            .ToDictionary(r => r.Cohort!, r => r.Values);
        Assert.Equal((6L, 2L), (rows["SEN_SUPPORT"].PossibleSessions, rows["SEN_SUPPORT"].OverallAbsenceSessions));
        Assert.Equal((12L, 2L), (rows["EHC_PLAN"].PossibleSessions, rows["EHC_PLAN"].OverallAbsenceSessions));
        Assert.Equal((16L, 2L), (rows["SEND"].PossibleSessions, rows["SEND"].OverallAbsenceSessions));
    }

    [Fact]
    public void CohortGap_ComparesWithEveryoneElseInScope()
    {
        var rest = One(new MeasureRequest(Autumn1) { Population = Population.RestOfPupils, Cohorts = ["LOOKED_AFTER"] });
        // Everyone's 90/16 less the cohort's 10/1; P6@Gamma keeps its 2 sessions before care, so enrolments stay 7.
        Assert.Equal((7L, 80L, 15L), (rest.Enrolments, rest.PossibleSessions, rest.OverallAbsenceSessions));
        Assert.Equal(18.75, rest.OverallAbsenceRate);
    }

    [Fact]
    public void WeeklyTrend_SplitsTheTwoWeeks()
    {
        var weeks = Run(new MeasureRequest(Autumn1) { Grain = TimeGrain.Week });
        Assert.Equal([new DateOnly(2025, 9, 1), new DateOnly(2025, 9, 8)], weeks.Select(w => w.BucketStart!.Value));
        // Week 1 (Wed–Fri): P1 6, P2 6, P4 6, P5 0 (all Y2), P6@Beta 4, P6@Gamma 2, P7 6 = 30 possible.
        Assert.Equal(30, weeks[0].Values.PossibleSessions);
        Assert.Equal(60, weeks[1].Values.PossibleSessions);
    }

    [Fact]
    public void ByPhase_GroupsPrimaryAndSecondary()
    {
        var phases = Run(new MeasureRequest(Autumn1) { GroupBy = MeasureGrouping.Phase }).ToDictionary(r => r.Phase!, r => r.Values);
        Assert.Equal((62L, 12L), (phases["Primary"].PossibleSessions, phases["Primary"].OverallAbsenceSessions));
        Assert.Equal((28L, 4L), (phases["Secondary"].PossibleSessions, phases["Secondary"].OverallAbsenceSessions));
    }

    [Fact]
    public void PhaseMeasures_AreTheSumOfItsSchools()
    {
        // Primary is Alpha and Beta (Gamma is secondary): 32 + 30 = 62 possible, 2 + 10 = 12 absent, PA 1 + 3 = 4 of 2 + 3.
        var request = new MeasureRequest(Autumn1) { Phase = "Primary", IncludeCodes = true };
        var phase = One(request);
        var summed = MeasureValues.SumOfEnrolments(Run(request with { GroupBy = MeasureGrouping.School }).Select(r => r.Values));
        Assert.Equal((5L, 62L, 12L, 4L), (summed.Enrolments, summed.PossibleSessions, summed.OverallAbsenceSessions, summed.PersistentAbsenceEnrolments));
        Assert.Equal(phase with { CodeSessions = null }, summed with { CodeSessions = null });
        Assert.Equal(phase.CodeSessions!.OrderBy(k => k.Key), summed.CodeSessions!.OrderBy(k => k.Key));
    }

    [Fact]
    public void UnalignedDateRange_UsesTheMarksAndAgreesWithTheAggregates()
    {
        var range = Period.Range(new DateOnly(2025, 9, 4), new DateOnly(2025, 9, 9));
        Assert.False(range.IsFragmentAligned);
        var v = One(new MeasureRequest(range));
        // 4, 5, 8, 9 Sep: P1 8, P2 8 (2 I), P4 8 (4 O), P5 4 (Y2 on 4–5 not possible; G on 8 AM), P6@Beta 2,
        // P6@Gamma 6 (L is present), P7 8 (its N fall on 11–12) = 44 possible, 7 absent.
        Assert.Equal((7L, 44L, 7L), (v.Enrolments, v.PossibleSessions, v.OverallAbsenceSessions));
        var aligned = One(new MeasureRequest(Period.ForWeek(new DateOnly(2025, 9, 8))));
        var viaMarks = One(new MeasureRequest(Period.Range(new DateOnly(2025, 9, 8), new DateOnly(2025, 9, 13))));
        Assert.Equal(aligned with { CodeSessions = null }, viaMarks with { CodeSessions = null });
    }

    [Fact]
    public void LateSessions_CountLAndU()
    {
        var v = One(new MeasureRequest(Autumn1) { IncludeCodes = true });
        Assert.Equal(2, v.LateSessions);
        Assert.Equal((1L, 1L, 3L), (v.CodeSessions!["L"], v.CodeSessions!["U"], v.CodeSessions!["N"]));
    }
}
