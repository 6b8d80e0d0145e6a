using System.Text.Json.Nodes;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Api;

/// <summary>
/// yearOnYear asks each academic year as its own named period (answered from the school rollup) rather than one span of
/// both years; its weeks must be the span's. The hand-checked LA (2025/26) plus, in 2024/25, P1 and P2 at Alpha marked on
/// Monday 21 July 2025 (P1 present, P2 unexplained) and Thursday 31 July 2025 (P1 absent O both sessions, P2 present), in
/// the week of Monday 28 July 2025 that straddles 1 August. With P1 also absent (O) on Friday 1 August 2025 — a 2025/26
/// day in that week — the span reports the week under its July Monday as 4 absent of 6 sessions (66.67%); without it,
/// 2 of 4 (50%). Every week, as la-lead and as bi-reader (protected: the same cell publishes the same value), equals
/// the same week of <c>trend(grain: WEEK)</c> over the span.
/// </summary>
public sealed class YearOnYearSplitTests : IDisposable
{
    private readonly EtlWarehouse warehouse = new();

    private ApiFactory Load(bool augustDay)
    {
        var dir = warehouse.NewFolder(augustDay ? "with-1-august" : "without-1-august");
        foreach (var f in Directory.GetFiles(warehouse.HandChecked)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        File.AppendAllText(Path.Combine(dir, "marks.csv"),
            $"{P1},{Alpha},2025-07-21,AM,/\n{P1},{Alpha},2025-07-21,PM,/\n{P2},{Alpha},2025-07-21,AM,N\n{P2},{Alpha},2025-07-21,PM,N\n" +
            $"{P1},{Alpha},2025-07-31,AM,O\n{P1},{Alpha},2025-07-31,PM,O\n{P2},{Alpha},2025-07-31,AM,/\n{P2},{Alpha},2025-07-31,PM,/\n" +
            (augustDay ? $"{P1},{Alpha},2025-08-01,AM,O\n{P1},{Alpha},2025-08-01,PM,O\n" : ""));
        warehouse.Load(new LoadOptions(LaCode: 319), dir);
        return new ApiFactory(warehouse.Paths.Root);
    }

    [Theory]
    [InlineData(true, 66.67)]
    [InlineData(false, 50.0)]
    public async Task EveryWeek_IsTheSpansWeek_TheOneStraddling1AugustIncluded(bool augustDay, double straddling)
    {
        using var api = Load(augustDay);
        foreach (var token in new[] { ApiFactory.LaLeadToken, ApiFactory.Token(Roles.BiReader) })
        {
            var years = (await api.QueryAs(token, "{ yearOnYear(measure: OVERALL_ABSENCE_RATE, academicYear: \"2025/26\") { weekStarting value previousWeekStarting previousValue } }"))["data"]!["yearOnYear"]!.AsArray();
            var span = (await api.QueryAs(token, "{ trend(grain: WEEK, period: { from: \"2024-08-01\", to: \"2026-07-31\" }) { period { start } measures { overallAbsenceRate } } }"))["data"]!["trend"]!.AsArray()
                .ToDictionary(p => (string)p!["period"]!["start"]!, p => (double?)p!["measures"]!["overallAbsenceRate"]);

            var published = years.SelectMany(p => new[] { ((string?)p!["weekStarting"], (double?)p["value"]), ((string?)p["previousWeekStarting"], (double?)p["previousValue"]) })
                .Where(w => w.Item1 is not null).ToList();
            Assert.Equal(span.Keys.Where(k => string.CompareOrdinal(k, "2024-08-01") >= 0).Order(), published.Select(w => w.Item1!).Order());
            foreach (var (week, value) in published) Assert.Equal(span[week!], value);
            if (token == ApiFactory.LaLeadToken) Assert.Equal(straddling, published.Single(w => w.Item1 == "2025-07-28").Item2!.Value, 2);
        }
    }

    public void Dispose() => warehouse.Dispose();
}
