using AttendanceGraph.Etl.Cli;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Totals;

/// <summary>DfE's own weekly download has no period columns: the CLI takes its week, both ends or neither.</summary>
public sealed class SessionTotalsCliTests
{
    private const string NoPeriodHeader =
        "UPN,DOB,sex,unique_reference_number,year_group,admission_date,possible_sessions,present_sessions," +
        "approved_educational_activity_sessions,authorised_absent_sessions,unauthorised_absent_sessions";

    [Fact]
    public void ADownloadWithoutPeriodColumns_LoadsWithTheWeekGiven()
    {
        using var w = new EtlWarehouse();
        var file = Path.Combine(w.NewFolder("dfe"), "vyed.csv");
        File.WriteAllText(file, $"{NoPeriodHeader}\n{P1},01/03/2018,F,{Alpha},3,01/09/2022,10,9,0,1,0\n");
        var (code, output, _) = EtlWarehouse.Cli("load", SessionTotalsFiles.Schools(w), file, "--la", "319", "--warehouse", w.Paths.Root,
            "--period-start", "2025-09-15", "--period-end", "2025-09-19");
        Assert.True(code == ExitCodes.Success, output);
        using var c = w.Open();
        Assert.Equal(["2025-09-15|2025-09-19|10"], EtlWarehouse.Rows(c, "SELECT strftime(span_start, '%Y-%m-%d'), strftime(span_end, '%Y-%m-%d'), possible FROM session_totals"));
    }

    [Theory]
    [InlineData("--period-start", "2025-09-15")]
    [InlineData("--period-end", "2025-09-19")]
    public void OneEndOfTheWeekAlone_IsAUsageError(string option, string value)
    {
        using var w = new EtlWarehouse();
        var (code, _, error) = EtlWarehouse.Cli("load", w.HandChecked, "--warehouse", w.Paths.Root, option, value);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--period-start and --period-end go together", error);
        Assert.Null(w.Current);
    }
}
