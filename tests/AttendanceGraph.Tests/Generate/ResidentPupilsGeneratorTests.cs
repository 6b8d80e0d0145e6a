using AttendanceGraph.Etl.Generate;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;

namespace AttendanceGraph.Tests.Generate;

/// <summary>
/// The demo's resident-pupil download (<see cref="ResidentPupilsFileWriter"/>): a few of the LA's looked-after children at
/// neighbouring LAs' schools, whose memberships are in the social care extract, load without a rejection, their schools learned
/// from the rows, so a new user's Virtual School shows children out of area.
/// </summary>
public sealed class ResidentPupilsGeneratorTests
{
    [Fact]
    public void TheDemo_PlacesSomeLookedAfterChildrenAtNeighbouringLasSchools_AndTheVirtualSchoolCountsThem()
    {
        using var w = new EtlWarehouse();
        var dir = w.NewFolder("generated");
        var asOf = new DateOnly(2025, 11, 28);
        new DemoAuthorityGenerator().Generate(new GeneratorOptions { Schools = 6, Years = 1, AsOf = asOf }, dir);

        var rows = File.ReadLines(Path.Combine(dir, ResidentPupilsFileWriter.FileName)).Skip(1).Select(l => l.Split(',')).ToList();
        var lookedAfter = rows.Where(r => r[4] == "yes").Select(r => r[1]).ToHashSet();
        Assert.InRange(lookedAfter.Count, 3, 10);
        var careRows = File.ReadLines(Path.Combine(dir, CohortFilesWriter.SocialCareFile)).Where(l => l.Contains(",LOOKED_AFTER,", StringComparison.Ordinal));
        Assert.Superset(lookedAfter, careRows.Select(l => l.Split(',')[0]).ToHashSet());

        var result = w.Load(dir);
        Assert.False(result.Report.HasErrors, result.Report.ToSummary());
        using var c = w.Open();
        Assert.Equal(4, c.Scalar<long>($"SELECT count(*) FROM schools WHERE la_code IS NULL AND urn NOT IN ({ServedLocalAuthority.SchoolsSql})"));
        var autumn = Period.ForTerm(new AcademicYear(2025), Term.Autumn);
        var residentsElsewhere = Assert.Single(MeasureQuery.Run(c, new MeasureRequest(autumn) { LaPopulation = LaPopulation.ResidentsElsewhere })).Values;
        Assert.Equal(rows.Select(r => r[1]).Distinct().Count(), residentsElsewhere.Enrolments);
        // The Virtual School counts them; the LA's looked-after children at its own schools do not include them.
        var lac = new MeasureRequest(autumn) { Population = Population.Cohort, Cohorts = ["LOOKED_AFTER"], Unit = MeasureUnit.Pupil };
        var virtualSchool = Assert.Single(MeasureQuery.Run(c, lac with { LaPopulation = LaPopulation.AnySchool })).Values.Enrolments;
        var atOwnSchools = Assert.Single(MeasureQuery.Run(c, lac)).Values.Enrolments;
        Assert.Equal(atOwnSchools + lookedAfter.Count, virtualSchool);
    }
}
