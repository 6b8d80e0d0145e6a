using AttendanceGraph.Api.Benchmarks;
using AttendanceGraph.Api.Data;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Tests.Fixtures;

namespace AttendanceGraph.Tests.Api;

/// <summary>
/// Which published figure a period is compared with, on the hand-checked LA (Sutton, 319) with the EES-shaped
/// <see cref="InYearFixture"/> loaded beside the shipped figures. Expected values are the fixture's (in-year) or the shipped
/// annual file's: England 2025/26 daily, all schools 6.88, secondary 8.49; 2017/18 has no annual figure (the first is 2018/19).
/// </summary>
public sealed class InYearComparatorTests : IDisposable
{
    private static readonly AcademicYear Y2526 = new(2025);
    private readonly EtlWarehouse warehouse = new();
    private readonly SnapshotFacts facts;

    public InYearComparatorTests()
    {
        var file = Path.Combine(warehouse.NewFolder("ees"), "ees_weekly.csv");
        File.WriteAllText(file, InYearFixture.Csv);
        warehouse.Load(warehouse.HandChecked, file);
        using var c = warehouse.Open();
        facts = SnapshotFacts.Read(warehouse.Current!, c);
    }

    public void Dispose() => warehouse.Dispose();

    private (double? Overall, string Basis) England(string phase, Period period)
    {
        var c = NationalFigures.Compare(facts, phase, period);
        return (c.Figure?.OverallAbsenceRate, c.Basis);
    }

    [Fact]
    public void AWeekTheInYearFiguresCover_IsComparedWithEnglandsSameWeek_PhaseByPhase()
    {
        var week = Period.ForWeek(new DateOnly(2025, 11, 12));
        Assert.Equal((7.00, "in-year, week commencing 2025-11-10"), England("Total", week));
        Assert.Equal((6.00, "in-year, week commencing 2025-11-10"), England("Primary", week));
        // No secondary row that week: the annual figure of the week's year, saying so.
        Assert.Equal((8.49, "annual 2025/26 (daily)"), England("Secondary", week));
    }

    [Fact]
    public void ATerm_IsComparedWithEnglandsSameTerm()
    {
        Assert.Equal((7.10, "in-year, autumn term 2025/26"), England("Total", Period.ForTerm(Y2526, Term.Autumn)));
        Assert.Equal((5.90, "in-year, autumn term 2025/26"), England("Primary", Period.ForTerm(Y2526, Term.Autumn)));
        // The spring term has no in-year figure: annual.
        Assert.Equal((6.88, "annual 2025/26 (daily)"), England("Total", Period.ForTerm(Y2526, Term.Spring)));
    }

    [Fact]
    public void ASpanFromTheStartOfTheYear_IsComparedWithTheYearToDateUpToItsLastWeek()
    {
        // 1 August to Sunday 16 November 2025: the year to date up to the week commencing 10 November (5.80; 17.50 PA).
        var c = NationalFigures.Compare(facts, "Total", Period.Range(Y2526.Start, new DateOnly(2025, 11, 16)));
        Assert.Equal((5.80, 17.50, "in-year, 2025/26 to date (up to the week commencing 2025-11-10)"),
            (c.Figure!.OverallAbsenceRate, c.Figure.PersistentAbsenceRate, c.Basis));
        // To the end of November the latest year to date stops two weeks short: not the same span, so annual.
        Assert.Equal((6.88, "annual 2025/26 (daily)"), England("Total", Period.Range(Y2526.Start, new DateOnly(2025, 11, 30))));
        // From the first school day (the dashboard's ?period=2025-09-01_2025-11-16) is the same span; from the second week is not.
        Assert.Equal(5.80, England("Total", Period.Range(new DateOnly(2025, 9, 1), new DateOnly(2025, 11, 16))).Overall);
        Assert.Equal("annual 2025/26 (daily)", England("Total", Period.Range(new DateOnly(2025, 9, 8), new DateOnly(2025, 11, 16))).Basis);
        // The shipped DfE year to date up to week 43 (8 September – 24 October 2025, 5.90%) is the first half term's.
        Assert.Equal((5.90, "in-year, 2025/26 to date (up to the week commencing 2025-10-20)"), England("Total", Period.ForHalfTerm(Y2526, Term.Autumn, 1)));
    }

    [Fact]
    public void WithoutAnInYearFigure_TheAnnualOneIsUsed_ThenTheLatestEarlierYear_ThenNoneWithTheReason()
    {
        Assert.Equal((6.88, "annual 2025/26 (daily)"), England("Total", Period.ForWeek(new DateOnly(2025, 11, 17))));
        Assert.Equal((6.88, "annual 2025/26 (daily)"), England("Total", Period.Year(Y2526)));
        Assert.Equal((6.88, "annual 2025/26 (daily), the latest published on or before 2026/27"), England("Total", Period.ForWeek(new DateOnly(2026, 11, 9))));
        var none = NationalFigures.Compare(facts, "Total", Period.ForWeek(new DateOnly(2017, 11, 6)));
        Assert.Null(none.Figure);
        Assert.Equal("no published figure for England: no in-year figure for w/c 2017-11-06 and no annual figure for 2017/18 or earlier", none.Basis);
    }

    [Fact]
    public void TheSamePeriod_HasEnglandTheLasRegionAndTheLa()
    {
        var figures = NationalFigures.SamePeriod(facts, "Total", Period.ForWeek(new DateOnly(2025, 11, 10)));
        Assert.Equal([("National", 7.00), ("Regional", 5.50), ("Local authority", 5.00)],
            figures.Select(f => (f.GeographicLevel, f.OverallAbsenceRate!.Value)));
        Assert.Equal("London", figures[1].RegionName);
        Assert.Empty(NationalFigures.SamePeriod(facts, "Total", Period.ForWeek(new DateOnly(2025, 11, 17))));
    }

    [Fact]
    public async Task TheApi_SaysWhichFigureItUsed_ForTheLaAndASchool()
    {
        using var api = new ApiFactory(warehouse.Paths.Root);
        var data = await api.Data($$"""
            { localAuthority {
                national(period: { weekStarting: "2025-11-10" }) { basis overallAbsenceRate }
                nationalComparison(period: { weekStarting: "2025-11-10" }, phase: PRIMARY) { basis figure { overallAbsenceRate } }
                old: nationalComparison(period: { weekStarting: "2017-11-06" }) { basis figure { overallAbsenceRate } }
                publishedSamePeriod(period: { weekStarting: "2025-11-10" }) { geographicLevel laName regionName overallAbsenceRate } }
              school(urn: {{HandCheckedAuthority.Alpha}}) { phase benchmark(period: { weekStarting: "2025-11-10" }) {
                national { basis overallAbsenceRate } nationalComparison { basis }
                peers { measure nationalPhaseValue } } } }
            """);
        var la = data["localAuthority"]!;
        Assert.Equal(("in-year, week commencing 2025-11-10", 7.00), ((string?)la["national"]!["basis"], (double)la["national"]!["overallAbsenceRate"]!));
        Assert.Equal(6.00, (double)la["nationalComparison"]!["figure"]!["overallAbsenceRate"]!);
        Assert.Null(la["old"]!["figure"]);
        Assert.StartsWith("no published figure for England", (string?)la["old"]!["basis"]);
        Assert.Equal(["National", "Regional", "Local authority"], la["publishedSamePeriod"]!.AsArray().Select(f => (string?)f!["geographicLevel"]));
        Assert.Equal("Sutton", (string?)la["publishedSamePeriod"]![2]!["laName"]);
        var school = data["school"]!;
        Assert.Equal("PRIMARY", (string?)school["phase"]);
        var bench = school["benchmark"]!;
        Assert.Equal(("in-year, week commencing 2025-11-10", 6.00), ((string?)bench["national"]!["basis"], (double)bench["national"]!["overallAbsenceRate"]!));
        Assert.Equal("in-year, week commencing 2025-11-10", (string?)bench["nationalComparison"]!["basis"]);
        var attendance = bench["peers"]!.AsArray().Single(p => (string?)p!["measure"] == "ATTENDANCE_RATE")!;
        Assert.Equal(94.00, (double)attendance["nationalPhaseValue"]!);
    }
}
