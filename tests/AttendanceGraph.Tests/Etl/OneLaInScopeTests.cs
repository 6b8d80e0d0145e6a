using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Etl;

/// <summary>
/// The warehouse serves one LA (issue 12, item 7). The hand-checked GIAS extract lists Merton's school (LA 315, line 5)
/// beside Sutton's three; here a Merton pupil is enrolled there with two present sessions on Wed 3 Sep, so counting that
/// school would make the LA 8 compulsory-age enrolments and 92 possible sessions instead of the hand-checked 7 and 90.
/// </summary>
public sealed class OneLaInScopeTests
{
    private static readonly string MertonPupil = AttendanceGraph.Schema.Identifiers.Upn.Create(315, 2001, 2018, 9);
    private static readonly Period Autumn1 = Period.ForHalfTerm(new AcademicYear(2025), Term.Autumn, 1);

    /// <summary>The hand-checked LA plus a Merton pupil's enrolment and marks at Merton's school.</summary>
    public static string WithMertonPupil(EtlWarehouse w)
    {
        var dir = w.NewFolder("with-merton");
        foreach (var f in Directory.GetFiles(w.HandChecked)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        File.WriteAllText(Path.Combine(dir, "merton_pupils.csv"),
            $"upn,school_urn,entry_date,leaving_date,date_of_birth,sex,nc_year\n{MertonPupil},{Merton},2022-09-01,,2018-04-01,F,3\n");
        w.WriteMarks(Path.Combine(dir, "merton_marks.csv"), [(MertonPupil, Merton, Days[0], "AM", "/"), (MertonPupil, Merton, Days[0], "PM", "\\")]);
        return dir;
    }

    [Fact]
    public void SchoolsOfTwoLas_WithoutLa_AreRefused_NamingTheFileLineAndColumn()
    {
        using var w = new EtlWarehouse();
        var (code, output, _) = EtlWarehouse.Cli("load", w.HandChecked, "--warehouse", w.Paths.Root);

        Assert.Equal(1, code);
        Assert.Contains("schools of 2 LAs and no --la", output);
        Assert.Contains("LA 319 Sutton: 3 schools, first at edubasealldata20250901.csv line 2, column LA (code)", output);
        Assert.Contains("LA 315 Merton: 1 school, first at edubasealldata20250901.csv line 5, column LA (code)", output);
        Assert.Contains("give it with --la (e.g. --la 319)", output);
        Assert.Null(w.Current);
    }

    [Fact]
    public void OneLaWithoutLa_IsInferred_Recorded_AndLaterLoadsNeedNoLa()
    {
        using var w = new EtlWarehouse();
        var suttonOnly = w.NewFolder("sutton-only");
        foreach (var f in Directory.GetFiles(w.HandChecked))
        {
            var lines = File.ReadAllLines(f, System.Text.Encoding.Latin1).Where(l => !l.StartsWith($"{Merton},", StringComparison.Ordinal));
            File.WriteAllLines(Path.Combine(suttonOnly, Path.GetFileName(f)), lines, System.Text.Encoding.Latin1);
        }

        Assert.Equal(0, EtlWarehouse.Cli("load", suttonOnly, "--warehouse", w.Paths.Root).ExitCode);
        using (var c = w.Open()) Assert.Equal(319, ServedLocalAuthority.Read(c));
        // The next load of a file with another LA's school in it needs no --la: the warehouse knows its LA.
        var (code, output, _) = EtlWarehouse.Cli("load", WithMertonPupil(w), "--warehouse", w.Paths.Root);
        Assert.True(code == 0, output);
    }

    [Fact]
    public void WithLa_TheOtherLasSchoolIsKept_ItsMarksLoad_ButNeverCountInTheLasFigures()
    {
        using var w = new EtlWarehouse();
        var result = w.Load(new LoadOptions(LaCode: 319), WithMertonPupil(w));

        Assert.False(result.Report.HasErrors, result.Report.ToSummary());
        Assert.DoesNotContain(result.SchoolRecords, s => s.Urn == Merton); // nor in the operational store's directory
        using var c = w.Open();
        Assert.Equal(319, ServedLocalAuthority.Read(c));
        Assert.Equal(315, c.Scalar<short>($"SELECT la_code FROM schools WHERE urn = {Merton}"));
        Assert.Equal(2, c.Scalar<long>($"SELECT count(*) FROM marks WHERE urn = {Merton}"));
        Assert.True(ServedLocalAuthority.HoldsOtherEnrolments(c));
        foreach (var fromRollup in new[] { true, false })
        {
            var la = Assert.Single(MeasureQuery.Run(c, new MeasureRequest(Autumn1), fromRollup: fromRollup)).Values;
            Assert.Equal((7L, 90L, 16L), (la.Enrolments, la.PossibleSessions, la.OverallAbsenceSessions));
            var primary = MeasureQuery.Run(c, new MeasureRequest(Autumn1) { GroupBy = MeasureGrouping.Phase }, fromRollup: fromRollup)
                .Single(r => r.Phase == "Primary").Values;
            Assert.Equal(62, primary.PossibleSessions); // Alpha 32 + Beta 30, not Merton's 2
            Assert.Empty(MeasureQuery.Run(c, new MeasureRequest(Autumn1) { GroupBy = MeasureGrouping.School, Urns = [Merton] }, fromRollup: fromRollup));
        }
        // Wed 3 – Fri 5 Sep is read from the marks (it does not start on a fragment), Merton's included: left out there too.
        // Week 1 of MeasureQueryTests: P1 6, P2 6, P4 6, P6@Beta 4, P6@Gamma 2, P7 6 = 30 possible in 6 enrolments (P5 all Y2).
        var range = Assert.Single(MeasureQuery.Run(c, new MeasureRequest(Period.Range(Days[0], Days[2])))).Values;
        Assert.Equal((6L, 30L), (range.Enrolments, range.PossibleSessions));
    }

    /// <summary>
    /// A request naming only the LA's schools is scoped before its statement is written, not row by row
    /// (<c>MeasureQuery.TestsLaSchools</c>): each school's figures asked alone, from the rollup and from the aggregates,
    /// for all pupils, a cohort and a residency population, equal its row among every school of the LA (which still tests
    /// each row), and a list naming Merton's school beside the LA's still leaves Merton's marks out.
    /// </summary>
    [Fact]
    public void ASchoolAskedAlone_EqualsItsRowAmongTheLasSchools_WhileAnotherLasSchoolStaysOut()
    {
        using var w = new EtlWarehouse();
        w.Load(new LoadOptions(LaCode: 319), WithMertonPupil(w));
        using var c = w.Open();
        Assert.True(ServedLocalAuthority.HoldsOtherEnrolments(c));
        var shapes = new[]
        {
            new MeasureRequest(Autumn1),
            new MeasureRequest(Autumn1) { Population = Population.Cohort, Cohorts = ["FSM"] },
            new MeasureRequest(Autumn1) { LaPopulation = LaPopulation.NonResidents },
            new MeasureRequest(Autumn1) { LaPopulation = LaPopulation.ResidentsElsewhere },
        };
        var compared = 0;
        foreach (var fromRollup in new[] { true, false })
            foreach (var shape in shapes)
            {
                var everySchool = MeasureQuery.Run(c, shape with { GroupBy = MeasureGrouping.School }, fromRollup: fromRollup);
                foreach (var urn in new[] { Alpha, Beta, Gamma })
                {
                    // Asked alone, a school without an enrolment in the population is one row of zeros; among all, no row.
                    var alone = MeasureQuery.Run(c, shape with { Urns = [urn] }, fromRollup: fromRollup).SingleOrDefault()?.Values is { Enrolments: > 0 } v ? v : null;
                    var amongAll = everySchool.SingleOrDefault(r => r.Urn == urn && r.Cohort == (shape.Population == Population.Cohort ? "FSM" : null))?.Values;
                    Assert.Equal(amongAll, alone);
                    if (alone is not null) compared++;
                }
            }
        // From each source: all pupils at the three schools, FSM pupils at one, P5 (living in Merton) at Beta; no pupil of
        // the LA's schools is a resident educated elsewhere.
        Assert.Equal(2 * (3 + 1 + 1), compared);
        var withMerton = Assert.Single(MeasureQuery.Run(c, new MeasureRequest(Autumn1) { Urns = [Alpha, Merton] })).Values;
        var alpha = Assert.Single(MeasureQuery.Run(c, new MeasureRequest(Autumn1) { Urns = [Alpha] })).Values;
        Assert.Equal(alpha, withMerton);
    }

    [Fact]
    public void Validate_SaysTheSame_BeforeAnythingIsLoaded()
    {
        using var w = new EtlWarehouse();
        var (code, output, _) = EtlWarehouse.Cli("validate", w.HandChecked, "--warehouse", w.Paths.Root);
        Assert.Equal(1, code);
        Assert.Contains("LA 315 Merton: 1 school, first at edubasealldata20250901.csv line 5, column LA (code)", output);
        Assert.Equal(0, EtlWarehouse.Cli("validate", w.HandChecked, "--la", "319", "--warehouse", w.Paths.Root).ExitCode);
    }

    [Fact]
    public void ALaterLoadWithAnotherLa_IsRefused_AndChangesNothing()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        var before = w.Current;
        using (var c = w.Open())
        {
            // Merton's school is stored but nobody is enrolled there: measures need not scope to the LA's schools.
            Assert.Equal(1, c.Scalar<long>($"SELECT count(*) FROM schools WHERE urn = {Merton}"));
            Assert.False(ServedLocalAuthority.HoldsOtherEnrolments(c));
        }

        var (code, output, _) = EtlWarehouse.Cli("load", WithMertonPupil(w), "--la", "315", "--warehouse", w.Paths.Root);

        Assert.Equal(1, code);
        Assert.Contains("--la 315: this warehouse serves LA 319", output);
        Assert.Equal(before, w.Current);
    }
}
