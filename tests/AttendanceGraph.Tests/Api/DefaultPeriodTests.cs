using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Etl.Validate;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Api;

/// <summary>
/// Issue 16: a question without a period means the latest academic year with possible sessions up to today,
/// never a year some later-dated mark created. The warehouse is the hand-checked LA (2025/26: 7 compulsory-age
/// enrolments, marked 3–12 September 2025) plus P1 present on Wednesday 2 September 2026 (2026/27), loaded as of
/// 30 September 2026; the API is then asked as of 10 July 2026, before that mark, and as of 10 September 2026.
/// </summary>
public sealed class DefaultPeriodTests : IDisposable
{
    private const string Question = """
        { localAuthority { measures { enrolments possibleSessions } } periods { academicYears { label } lastDate } }
        """;

    private readonly EtlWarehouse warehouse = new();

    public DefaultPeriodTests()
    {
        var dir = warehouse.NewFolder("with-2026-27");
        foreach (var f in Directory.GetFiles(warehouse.HandChecked)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        File.AppendAllText(Path.Combine(dir, "marks.csv"), $"{P1},{Alpha},2026-09-02,AM,/\n{P1},{Alpha},2026-09-02,PM,\\\n");
        warehouse.Load(new LoadOptions(LaCode: 319) { Dates = new DateRules(new DateOnly(2026, 9, 30)) }, dir);
    }

    [Fact]
    public async Task BeforeALaterYearsFirstSession_TheDefaultIsTheYearUnderWay_AndPeriodsStopAtToday()
    {
        using var api = new ApiFactory(warehouse.Paths.Root, clock: new FixedClock(new DateOnly(2026, 7, 10)));

        var data = await api.Data(Question);

        Assert.Equal(7, (int)data["localAuthority"]!["measures"]!["enrolments"]!);
        Assert.Equal(["2025/26"], data["periods"]!["academicYears"]!.AsArray().Select(y => (string?)y!["label"]));
        Assert.Equal("2025-09-12", (string?)data["periods"]!["lastDate"]);
    }

    [Fact]
    public async Task OnceTheLaterYearHasBegun_ItIsTheDefault()
    {
        using var api = new ApiFactory(warehouse.Paths.Root, clock: new FixedClock(new DateOnly(2026, 9, 10)));

        var data = await api.Data(Question);

        Assert.Equal(1, (int)data["localAuthority"]!["measures"]!["enrolments"]!); // P1 alone was marked in 2026/27
        Assert.Equal(["2025/26", "2026/27"], data["periods"]!["academicYears"]!.AsArray().Select(y => (string?)y!["label"]));
        Assert.Equal("2026-09-02", (string?)data["periods"]!["lastDate"]);
    }

    public void Dispose() => warehouse.Dispose();
}
