using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Etl.Validate;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Etl;

/// <summary>
/// A school that declares weekend sessions (weekend_sessions = Y in the schools file) has its Saturday marks
/// stored and counted; the declaration outlives a later plain GIAS extract. Gamma declares them; P7 (FSM, at
/// Gamma) had 10 sessions in the week of Monday 8 September 2025: 7 present and 3 N (unauthorised).
/// </summary>
public sealed class WeekendSessionsTests
{
    private static readonly DateOnly Saturday20 = new(2025, 9, 20);
    private static readonly LoadOptions Options = new(LaCode: 319) { Dates = new DateRules(new DateOnly(2025, 9, 30)) };

    /// <summary>The hand-checked LA with Gamma declaring weekend sessions, and P7 marked on Saturday 13 September.</summary>
    private static string WithSaturdayAtGamma(EtlWarehouse w)
    {
        var dir = w.NewFolder("weekend");
        foreach (var f in Directory.GetFiles(w.HandChecked)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        HandCheckedAuthority.WriteGiasDeclaringWeekendSessions(Directory.GetFiles(dir, "edubasealldata*.csv").Single(), Gamma);
        File.AppendAllText(Path.Combine(dir, "marks.csv"), $"{P7},{Gamma},2025-09-13,AM,/\n{P7},{Gamma},2025-09-13,PM,O\n");
        return dir;
    }

    [Fact]
    public void SaturdayMarks_AtADeclaredSchool_AreStoredAndCountedInTheirWeek()
    {
        using var w = new EtlWarehouse();

        var result = w.Load(Options, WithSaturdayAtGamma(w));

        Assert.Equal(0, result.Report.TotalRejected);
        using var c = w.Open();
        Assert.Equal(2L, c.Scalar<long>("SELECT count(*) FROM marks WHERE date = DATE '2025-09-13'"));
        Assert.Equal([$"{Gamma}"], EtlWarehouse.Rows(c, "SELECT urn FROM schools WHERE weekend_sessions"));
        // 7 + 1 present, 3 + 1 unauthorised: the Saturday is in the week of 8 September.
        Assert.Equal(["8|4"], EtlWarehouse.Rows(c, $"""
            SELECT c_present, c_unauthorised FROM agg_enrolment_week
            WHERE urn = {Gamma} AND week_start = DATE '2025-09-08' AND pupil_id = (SELECT pupil_id FROM pupils WHERE upn = '{P7}')
            """));
        EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
    }

    [Fact]
    public void ALaterGiasExtractWithoutTheColumn_KeepsTheDeclaration()
    {
        using var w = new EtlWarehouse();
        w.Load(Options, WithSaturdayAtGamma(w));
        var day = w.NewFolder("day");
        foreach (var gias in Directory.GetFiles(w.HandChecked, "edubasealldata*.csv")) File.Copy(gias, Path.Combine(day, Path.GetFileName(gias)));
        w.WriteMarks(Path.Combine(day, "marks.csv"), [(P7, Gamma, Saturday20, "AM", "/"), (P1, Alpha, Saturday20, "AM", "/")]);

        var e = Assert.Throws<BatchRejectedException>(() => w.Load(Options, day));

        // Only Alpha's Saturday mark is refused: Gamma still declares weekend sessions.
        Assert.Equal(1, e.Report.TotalRejected);
        Assert.Contains($"school {Alpha} has not declared weekend sessions",
            Assert.Single(e.Report.Examples(AttendanceGraph.Etl.Model.RejectionReason.WeekendMark)).Detail);
        var loaded = w.Load(Options with { SkipInvalid = true }, day);
        Assert.Equal(1L, loaded.Marks);
        using var c = w.Open();
        Assert.Equal([$"{Gamma}"], EtlWarehouse.Rows(c, "SELECT urn FROM schools WHERE weekend_sessions"));
        EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
    }
}
