using AttendanceGraph.Api.Security;
using AttendanceGraph.Tests.Api;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;
using static AttendanceGraph.Tests.Totals.SessionTotalsFiles;

namespace AttendanceGraph.Tests.Totals;

/// <summary>
/// The Virtual School's pupil list where a looked-after child's later week is known only as DfE totals (P6, in care from
/// 8 Sep, on Gamma's registers to 12 Sep, then a DfE row for 15–19 Sep: 10 possible, 1 authorised, 1 unauthorised): the
/// row counts the week as the aggregates do, and says what it cannot know.
/// </summary>
public sealed class VirtualSchoolTotalsTests
{
    private const string TwoWeeks = """{ from: "2025-09-08", to: "2025-09-19" }""";

    private static EtlWarehouse P6sThirdWeekAsTotals()
    {
        var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        w.Load(Write(w.NewFolder("dfe"), "vyed.csv", Row(P6, Gamma, new DateOnly(2025, 9, 15), 8, 0, 1, 1, dob: "2015-04-01", admission: "2025-09-05")));
        return w;
    }

    private static async Task<(int Cohort, System.Text.Json.Nodes.JsonNode Row)> CohortAndP6(ApiFactory api, string pupilArgs = "")
    {
        var result = await api.QueryAs(ApiFactory.Token(Roles.VirtualSchool), $$"""
            { virtualSchool(cohort: LOOKED_AFTER) {
                measures(period: {{TwoWeeks}}) { possibleSessions }
                pupils(period: {{TwoWeeks}}{{pupilArgs}}) { nodes { upn patternsUnavailable
                  measures { possibleSessions registerDetailUnavailable codes { code sessions } } } } } }
            """);
        Assert.True(result["errors"] is null, result.ToJsonString());
        var vs = result["data"]!["virtualSchool"]!;
        return ((int)vs["measures"]!["possibleSessions"]!, vs["pupils"]!["nodes"]!.AsArray().Single(n => (string)n!["upn"]! == P6)!);
    }

    [Fact]
    public async Task AWeekOfTotalsAfterTheLastRegisterMark_CountsInTheRow_WithoutAnAsOf()
    {
        using var w = P6sThirdWeekAsTotals();
        using var api = new ApiFactory(w.Paths.Root);
        var (cohort, p6) = await CohortAndP6(api);
        // 10 from Gamma's registers (8-12 Sep) and 10 from the DfE week: the list's default as-of reaches the week's end.
        Assert.Equal(20, (int)p6["measures"]!["possibleSessions"]!);
        Assert.Equal(cohort, (int)p6["measures"]!["possibleSessions"]!);
        Assert.NotNull(p6["measures"]!["registerDetailUnavailable"]);
        Assert.NotNull(p6["patternsUnavailable"]);
    }

    [Fact]
    public async Task ALastRegisterMarkMidWeek_DoesNotCutAWeekOfTotals_ForAPeriodOfWholeWeeks()
    {
        using var w = P6sThirdWeekAsTotals();
        // Alpha's registers reach Wednesday 17 Sep (P1 present): the last mark falls inside P6's week of totals.
        var days = new[] { new DateOnly(2025, 9, 15), new DateOnly(2025, 9, 16), new DateOnly(2025, 9, 17) };
        w.Load(w.WriteMarks(Path.Combine(w.NewFolder("mid-week"), "marks.csv"),
            days.SelectMany(d => new[] { (P1, Alpha, d, "AM", "/"), (P1, Alpha, d, "PM", "\\") }).ToList()));
        using var api = new ApiFactory(w.Paths.Root);
        var (cohort, p6) = await CohortAndP6(api);
        Assert.Equal((20, 20), (cohort, (int)p6["measures"]!["possibleSessions"]!));
    }

    [Fact]
    public async Task APupilsRowWithAWeekOfTotals_ListsNoCodes_AsTheAggregateDoes()
    {
        using var w = P6sThirdWeekAsTotals();
        using var api = new ApiFactory(w.Paths.Root);
        var (_, p6) = await CohortAndP6(api, """, asOf: "2025-09-19" """);
        // P6's U of 10 Sep is in the registers' part: listing it (1 of 20 sessions) would read as the whole period's.
        Assert.NotNull(p6["measures"]!["registerDetailUnavailable"]);
        Assert.Empty(p6["measures"]!["codes"]!.AsArray());
    }
}
