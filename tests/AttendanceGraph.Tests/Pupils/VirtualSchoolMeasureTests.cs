using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Cohorts;
using AttendanceGraph.Schema.Measures;
using static AttendanceGraph.Tests.Pupils.PupilPatternsAuthority;

namespace AttendanceGraph.Tests.Pupils;

/// <summary>Virtual-school measures are MeasureQuery, pupil-based, over <see cref="PupilPatternsAuthority"/> (L moved Delta → Epsilon on 1 Oct).</summary>
[Collection(PupilPatternsCollection.Name)]
public sealed class VirtualSchoolMeasureTests(PupilPatternsWarehouse warehouse)
{
    private static readonly Period Autumn1 = Period.ForHalfTerm(new AcademicYear(2025), Term.Autumn, 1);

    private IReadOnlyList<MeasureRow> Run(MeasureRequest request)
    {
        using var c = warehouse.Open();
        return MeasureQuery.Run(c, request);
    }

    private static MeasureRequest LookedAfter(MeasureUnit unit) =>
        new(Autumn1) { Population = Population.Cohort, Cohorts = [ReportingCohort.LookedAfter.Key], Unit = unit };

    [Fact]
    public void PupilWhoMovedSchool_CountsOnceInTheVirtualSchool_ButTwiceAsEnrolments()
    {
        var pupil = Assert.Single(Run(LookedAfter(MeasureUnit.Pupil))).Values;
        Assert.Equal((1L, 76L, 3L, 0L), (pupil.Enrolments, pupil.PossibleSessions, pupil.OverallAbsenceSessions, pupil.PersistentAbsenceEnrolments));
        var enrolments = Assert.Single(Run(LookedAfter(MeasureUnit.Enrolment))).Values;
        Assert.Equal((2L, 76L, 3L), (enrolments.Enrolments, enrolments.PossibleSessions, enrolments.OverallAbsenceSessions));
        Assert.Equal(0L, enrolments.PersistentAbsenceEnrolments);
    }

    [Fact]
    public void WithinCohort_CountsOnlySessionsInBothCohorts_AndTheRestOfTheVirtualSchool()
    {
        var shape = new MeasureRequest(Autumn1)
        {
            Cohorts = [ReportingCohort.EhcPlan.Key], Unit = MeasureUnit.Pupil, WithinCohort = ReportingCohort.LookedAfter.Key,
        };
        var ehc = Assert.Single(Run(shape with { Population = Population.Cohort })).Values;
        Assert.Equal((1L, 36L, 1L), (ehc.Enrolments, ehc.PossibleSessions, ehc.OverallAbsenceSessions));     // 1–24 Oct at Epsilon
        var rest = Assert.Single(Run(shape with { Population = Population.RestOfPupils })).Values;
        Assert.Equal((1L, 40L, 2L), (rest.Enrolments, rest.PossibleSessions, rest.OverallAbsenceSessions)); // 3–30 Sep at Delta
        var all = Assert.Single(Run(new MeasureRequest(Autumn1) { Unit = MeasureUnit.Pupil, WithinCohort = ReportingCohort.LookedAfter.Key })).Values;
        Assert.Equal((1L, 76L), (all.Enrolments, all.PossibleSessions));
    }
}
