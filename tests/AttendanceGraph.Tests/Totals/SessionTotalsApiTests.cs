using AttendanceGraph.Api.Security;
using AttendanceGraph.Schema.Identifiers;
using AttendanceGraph.Tests.Api;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;
using static AttendanceGraph.Tests.Totals.SessionTotalsFiles;

namespace AttendanceGraph.Tests.Totals;

/// <summary>
/// What the API says about weeks loaded as DfE session totals: figures as for registers, register-level ones (late,
/// codes) null with the reason, a period cutting such a week refused as BAD_PERIOD, and pupil-level patterns
/// refused rather than computed from no marks.
/// </summary>
public sealed class SessionTotalsApiTests
{
    private static readonly DateOnly Week = new(2025, 9, 15);

    [Fact]
    public async Task AWeekOfTotals_IsMeasured_WithRegisterDetailNullAndSaidWhy_AndAMidWeekPeriodIsABadPeriod()
    {
        using var w = new EtlWarehouse();
        // P1 10 possible, 2 unauthorised; P2 10 possible, all present: 20 possible, 2 absent (10%).
        w.Load(Schools(w), Write(w.NewFolder("dfe"), "vyed.csv", Row(P1, Alpha, Week, 8, 0, 0, 2), Row(P2, Alpha, Week, 10, 0, 0, 0)));
        using var factory = new ApiFactory(w.Paths.Root);

        var week = await factory.Data("""
            { localAuthority { measures(period: { weekStarting: "2025-09-15" }) {
                possibleSessions overallAbsenceRate persistentAbsenceEnrolments lateSessions lateRate registerDetailUnavailable codes { code } } } }
            """);
        var m = week["localAuthority"]!["measures"]!;
        Assert.Equal(20, (long)m["possibleSessions"]!);
        Assert.Equal(10.0, (double)m["overallAbsenceRate"]!);
        Assert.Null(m["lateSessions"]);
        Assert.Null(m["lateRate"]);
        Assert.Contains("weekly totals", (string)m["registerDetailUnavailable"]!);
        Assert.Empty(m["codes"]!.AsArray());

        var midWeek = await factory.Query("""{ localAuthority { measures(period: { from: "2025-09-16", to: "2025-09-19" }) { possibleSessions } } }""");
        var error = midWeek["errors"]![0]!;
        Assert.Equal("BAD_PERIOD", (string)error["extensions"]!["code"]!);
        Assert.Contains("cuts through the week 2025-09-15 to 2025-09-19", (string)error["message"]!);

        var pack = await factory.Query("""{ tsmPack(urn: 100001, period: { weekStarting: "2025-09-15" }) { pupils { nodes { upn absenceSpells } } } }""");
        Assert.True(pack["errors"] is not null, pack.ToJsonString());
        Assert.Equal("BAD_PERIOD", (string)pack["errors"]![0]!["extensions"]!["code"]!);
        Assert.Contains("need registers", (string)pack["errors"]![0]!["message"]!);
    }

    [Fact]
    public async Task RegisterDetail_IsWithheldPerCell_SoASchoolOnRegistersKeepsItsLateFigures_InTheListAsAlone_AndPerWeek()
    {
        using var w = AlphasThirdWeekAsTotals();
        using var factory = new ApiFactory(w.Paths.Root);
        const string period = """{ from: "2025-09-01", to: "2025-09-19" }""";

        var list = (await factory.Data($$"""
            { schools(period: {{period}}) { nodes { urn measures(period: {{period}}) { lateSessions lateRate registerDetailUnavailable } } } }
            """))["schools"]!["nodes"]!.AsArray().ToDictionary(n => (int)n!["urn"]!, n => n!["measures"]!);
        var gamma = (await factory.Data($$"""{ school(urn: {{Gamma}}) { measures(period: {{period}}) { lateSessions lateRate registerDetailUnavailable } } }"""))
            ["school"]!["measures"]!;

        Assert.Null(list[Alpha]["lateRate"]);
        Assert.Contains("weekly totals", (string)list[Alpha]["registerDetailUnavailable"]!);
        // Gamma's L (P6, 5 Sep) and U (P6, 10 Sep): known, whichever query asks and whatever another school loaded.
        Assert.Equal(2, (long)list[Gamma]["lateSessions"]!);
        Assert.Null(list[Gamma]["registerDetailUnavailable"]);
        Assert.Equal(list[Gamma].ToJsonString(), gamma.ToJsonString());

        var weeks = (await factory.Data($$"""
            { localAuthority { trend(grain: WEEK, period: {{period}}) { period { start } measures { lateSessions registerDetailUnavailable } } } }
            """))["localAuthority"]!["trend"]!.AsArray();
        Assert.Equal(["2025-09-01", "2025-09-08", "2025-09-15"], weeks.Select(p => (string)p!["period"]!["start"]!));
        Assert.Equal([1L, 1L], weeks.Take(2).Select(p => (long)p!["measures"]!["lateSessions"]!));
        Assert.Null(weeks[2]!["measures"]!["lateSessions"]);
        Assert.Contains("weekly totals", (string)weeks[2]!["measures"]!["registerDetailUnavailable"]!);

        // A protected role's cell carries the same reason, so its late figures are withheld as la-lead's are, not drawn
        // from the registers' part alone.
        var published = await factory.QueryAs(ApiFactory.Token(Roles.BiReader), $$"""
            { schools(period: {{period}}) { nodes { urn measures(period: {{period}}) { lateRate registerDetailUnavailable } } } }
            """);
        var alpha = published["data"]!["schools"]!["nodes"]!.AsArray().Single(n => (int)n!["urn"]! == Alpha)!["measures"]!;
        Assert.Contains("weekly totals", (string)alpha["registerDetailUnavailable"]!);
        Assert.Null(alpha["lateRate"]);
        // Its overall absence rate is published (noised), so the late rate's null is the register detail, not the threshold.
        var rates = await factory.QueryAs(ApiFactory.Token(Roles.BiReader), $$"""{ school(urn: {{Alpha}}) { measures(period: {{period}}) { overallAbsenceRate } } }""");
        Assert.NotNull(rates["data"]!["school"]!["measures"]!["overallAbsenceRate"]);
    }

    [Fact]
    public async Task ALateRateWithheldForTotals_IsNotKeptByAFilter_SortsWithTheWithheld_AndIsNullInTheYearOnYearSeries()
    {
        using var w = AlphasThirdWeekAsTotals();
        using var factory = new ApiFactory(w.Paths.Root);
        const string period = """{ from: "2025-09-01", to: "2025-09-19" }""";
        foreach (var role in new[] { Roles.LaLead, Roles.BiReader })
        {
            var result = await factory.QueryAs(ApiFactory.Token(role), $$"""
                { kept: schools(where: { measure: LATE_RATE, atLeast: 0 }, period: {{period}}) { nodes { urn } }
                  sorted: schools(orderBy: LATE_RATE, direction: DESCENDING, period: {{period}}) { nodes { urn measures(period: {{period}}) { lateRate } } }
                  alpha: yearOnYear(measure: LATE_RATE, academicYear: "2025/26", urn: {{Alpha}}) { weekStarting value } }
                """);
            Assert.True(result["errors"] is null, result.ToJsonString());
            var data = result["data"]!;
            // Alpha's late rate over the three weeks is unknown (its third week is DfE totals): the filter, the sort and the
            // series see the null its field shows, never the late sessions of its registers' part alone.
            Assert.DoesNotContain(Alpha, data["kept"]!["nodes"]!.AsArray().Select(n => (int)n!["urn"]!));
            var sorted = data["sorted"]!["nodes"]!.AsArray().Select(n => ((int)n!["urn"]!, n["measures"]!["lateRate"] is null)).ToList();
            Assert.Contains((Alpha, true), sorted);
            Assert.Equal(sorted.OrderBy(s => s.Item2).Select(s => s.Item1), sorted.Select(s => s.Item1)); // every null after every value
            var weeks = data["alpha"]!.AsArray().Where(p => p!["weekStarting"] is not null)
                .ToDictionary(p => (string)p!["weekStarting"]!, p => p!["value"]);
            Assert.Null(weeks["2025-09-15"]);
            if (role == Roles.LaLead) Assert.NotNull(weeks["2025-09-08"]); // a week of registers keeps its rate
        }
    }

    [Fact]
    public async Task ASchoolReadingItsPupilsWeeks_SeesItsOwnWeeksOfTotalsOnly_NotADualRegistrationsAtAnotherSchool()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        // P1 (on Alpha's registers throughout) also dual-registered at Beta, known there from a DfE file for the third week.
        w.Load(Write(w.NewFolder("dfe"), "vyed.csv", Row(P1, Beta, Week, 8, 0, 0, 2)));
        using var factory = new ApiFactory(w.Paths.Root);
        var query = $$"""{ pupil(upn: "{{P1}}") { weeklyAttendance(period: { from: "2025-09-01", to: "2025-09-19" }) { urn weekStart } } }""";
        async Task<List<(int, string)>> WeeksAs(string token)
        {
            var result = await factory.QueryAs(token, query);
            Assert.True(result["errors"] is null, result.ToJsonString());
            return result["data"]!["pupil"]!["weeklyAttendance"]!.AsArray().Select(x => ((int)x!["urn"]!, (string)x["weekStart"]!)).ToList();
        }
        Assert.Contains((Beta, "2025-09-15"), await WeeksAs(ApiFactory.Token(Roles.LaLead)));
        Assert.All(await WeeksAs(ApiFactory.Token(Roles.School, Alpha)), x => Assert.Equal(Alpha, x.Item1));
    }

    [Fact]
    public async Task APeriodCuttingOneSchoolsWeekOfTotals_RefusesThatSchoolAlone_OnItsOwnPath_AndAnswersTheOthersInTheSameRequest()
    {
        using var w = AlphasThirdWeekAsTotals();
        using var factory = new ApiFactory(w.Paths.Root);
        // 10-17 Sep cuts Alpha's week of totals (15-19 Sep); Beta and Gamma are registers those days.
        const string period = """{ from: "2025-09-10", to: "2025-09-17" }""";
        var result = await factory.QueryAs(ApiFactory.LaLeadToken, $$"""
            { alpha: school(urn: {{Alpha}}) { measures(period: {{period}}) { possibleSessions } }
              beta: school(urn: {{Beta}}) { measures(period: {{period}}) { possibleSessions } }
              gamma: school(urn: {{Gamma}}) { measures(period: {{period}}) { possibleSessions } } }
            """);
        var error = Assert.Single(result["errors"]!.AsArray())!;
        Assert.Equal("BAD_PERIOD", (string?)error["extensions"]?["code"]);
        Assert.Equal("""["alpha","measures"]""", error["path"]!.ToJsonString());
        Assert.True(result["data"]!["alpha"] is null);
        var alone = await factory.Data($$"""{ school(urn: {{Beta}}) { measures(period: {{period}}) { possibleSessions } } }""");
        Assert.Equal(alone["school"]!["measures"]!.ToJsonString(), result["data"]!["beta"]!["measures"]!.ToJsonString());
        Assert.NotNull(result["data"]!["gamma"]!["measures"]!["possibleSessions"]);
    }

    [Fact]
    public async Task ASchoolSeesItsOwnWeekOfTotals_ForAPupilWhoJoinedMidWeek()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        // A pupil admitted to Alpha on Wednesday 17 Sep, known from a DfE row for that week (Wednesday to Friday: 6 sessions).
        var joiner = Upn.Create(319, 2001, 2018, 150);
        w.Load(Write(w.NewFolder("dfe"), "vyed.csv", Row(joiner, Alpha, Week, 5, 0, 1, 0, admission: "2025-09-17")));
        using var factory = new ApiFactory(w.Paths.Root);
        var result = await factory.QueryAs(ApiFactory.Token(Roles.School, Alpha), $$"""
            { pupil(upn: "{{joiner}}") { weeklyAttendance(period: { from: "2025-09-15", to: "2025-09-19" }) { urn weekStart measures { possibleSessions } } } }
            """);
        Assert.True(result["errors"] is null, result.ToJsonString());
        // The week is Alpha's own enrolment's sessions: the school sees it, though its window (the enrolment) starts mid-week.
        var week = Assert.Single(result["data"]!["pupil"]!["weeklyAttendance"]!.AsArray())!;
        Assert.Equal((Alpha, "2025-09-15", 6), ((int)week["urn"]!, (string)week["weekStart"]!, (int)week["measures"]!["possibleSessions"]!));
    }

    /// <summary>
    /// The hand-checked LA's registers (every school's first two weeks), then Alpha's third week as DfE totals, with twenty
    /// more of Alpha's pupils known only from the DfE file, so a protected role's cell is large enough to publish rates (a
    /// cell of three would withhold them whatever its register detail).
    /// </summary>
    private static EtlWarehouse AlphasThirdWeekAsTotals()
    {
        var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        var newcomers = Enumerable.Range(100, 20).Select(n => Row(Upn.Create(319, 2001, 2018, n), Alpha, Week, 9, 0, 0, 1));
        w.Load(Write(w.NewFolder("dfe"), "vyed.csv", [Row(P1, Alpha, Week, 10, 0, 0, 0), Row(P2, Alpha, Week, 9, 0, 1, 0), .. newcomers]));
        return w;
    }
}
