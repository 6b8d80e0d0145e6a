using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AttendanceGraph.Api.Schools;
using Snapshooter.Xunit;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Api;

/// <summary>
/// Representative questions against the hand-checked LA (its numbers are derived in MeasureQueryTests). Each test
/// asserts the hand-checked figures it depends on and snapshots the whole response a user would see.
/// </summary>
[Collection(HandCheckedApiCollection.Name)]
public sealed class ApiQueryTests(HandCheckedApi api)
{
    private const string Autumn1 = "{ academicYear: \"2025/26\", term: AUTUMN, halfTerm: 1 }";

    private static void MatchSnapshot(JsonNode data) =>
        Snapshot.Match(data.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

    [Fact]
    public async Task LocalAuthority_ByPhase_AgainstEngland()
    {
        var data = await api.Factory.Data($$"""
            { localAuthority { code name schools
                measures(period: {{Autumn1}}) { enrolments possibleSessions overallAbsenceRate persistentAbsenceRate severeAbsenceRate }
                byPhase(period: {{Autumn1}}) { phase measures { possibleSessions overallAbsenceSessions overallAbsenceRate }
                  national { academicYear source overallAbsenceRate persistentAbsenceRate } } } }
            """);
        var la = data["localAuthority"]!;
        Assert.Equal("Sutton", (string?)la["name"]);
        Assert.Equal(17.7778, (double)la["measures"]!["overallAbsenceRate"]!);
        Assert.Equal(71.4286, (double)la["measures"]!["persistentAbsenceRate"]!);
        var primary = la["byPhase"]!.AsArray().Single(p => (string?)p!["phase"] == "PRIMARY")!;
        Assert.Equal(62, (int)primary["measures"]!["possibleSessions"]!);
        // The first half term of 2025/26 is compared with England's year to date up to week 43 (8 September – 24 October 2025),
        // primary 4.56%, from the shipped in-year file (in-year-benchmarks.csv), not the whole year's 5.28.
        Assert.Equal(4.56, (double)primary["national"]!["overallAbsenceRate"]!);
        Assert.Equal("in-year", (string?)primary["national"]!["source"]);
        MatchSnapshot(data);
    }

    [Fact]
    public async Task Schools_WithHighestPersistentAbsence_ThisHalfTerm()
    {
        var data = await api.Factory.Data($$"""
            { schools(orderBy: PERSISTENT_ABSENCE_RATE, direction: DESCENDING, period: {{Autumn1}}, first: 2) {
                totalCount pageInfo { hasNextPage endCursor }
                nodes { urn laestab name phase measures(period: {{Autumn1}}) { enrolments persistentAbsenceRate overallAbsenceRate codes { code sessions rate } } } } }
            """);
        var nodes = data["schools"]!["nodes"]!.AsArray();
        Assert.Equal(Beta, (int)nodes[0]!["urn"]!);               // 3 of 3 enrolments PA
        Assert.Equal("Béta Primary School, The", (string?)nodes[0]!["name"]); // Latin-1 GIAS name with a quoted comma
        Assert.Equal(100.0, (double)nodes[0]!["measures"]!["persistentAbsenceRate"]!);
        Assert.Equal(3, (int)data["schools"]!["totalCount"]!);    // the other LA's school was filtered out by --la 319
        Assert.True((bool)data["schools"]!["pageInfo"]!["hasNextPage"]!);
        MatchSnapshot(data);
    }

    [Fact]
    public async Task ASortedSearchMatchingNoSchool_LeavesEverySchoolInTheNextTable()
    {
        // "No schools" and "every school" once shared a result-cache key, so the empty answer was served to the next
        // table of the same shape for the rest of the snapshot. A period no other test asks keeps the cache to itself.
        const string period = "{ from: \"2025-09-08\", to: \"2025-09-19\" }";
        var none = await api.Factory.Data($$"""
            { schools(nameContains: "no such school", orderBy: OVERALL_ABSENCE_RATE, period: {{period}}) { nodes { urn } } }
            """);
        var table = await api.Factory.Data($$"""
            { measureTable(groupBy: SCHOOL, period: {{period}}) { nodes { urn } } }
            """);

        Assert.Empty(none["schools"]!["nodes"]!.AsArray());
        Assert.Equal(3, table["measureTable"]!["nodes"]!.AsArray().Count);
    }

    /// <summary>
    /// Thursday 4 – Wednesday 10 September by week: the figures count only those days, so each week's dates are cut to them
    /// (a BI tool joining on the dates must not meet Monday–Sunday with Thursday–Sunday's figures). The first point is the
    /// LA's measures for Thursday 4 – Sunday 7 September asked alone.
    /// </summary>
    [Fact]
    public async Task AWeeklyTrendOverDaysCuttingThroughWeeks_DatesEachPointByTheDaysItCounts()
    {
        var data = await api.Factory.Data("""
            { localAuthority { trend(grain: WEEK, period: { from: "2025-09-04", to: "2025-09-10" }) { period { label start end } measures { possibleSessions } } }
              alone: localAuthority { measures(period: { from: "2025-09-04", to: "2025-09-07" }) { possibleSessions } }
              measureTable(groupBy: LOCAL_AUTHORITY, grain: WEEK, period: { from: "2025-09-04", to: "2025-09-10" }) { nodes { periodLabel periodStart periodEnd } } }
            """);
        var trend = data["localAuthority"]!["trend"]!.AsArray();
        Assert.Equal(["2025-09-04..2025-09-07", "2025-09-08..2025-09-10"], trend.Select(p => $"{p!["period"]!["start"]}..{p["period"]!["end"]}"));
        Assert.Equal(data["alone"]!["measures"]!["possibleSessions"]!.GetValue<long>(), trend[0]!["measures"]!["possibleSessions"]!.GetValue<long>());
        Assert.Equal(["2025-09-04..2025-09-07", "2025-09-08..2025-09-10"],
            data["measureTable"]!["nodes"]!.AsArray().Select(r => $"{r!["periodStart"]}..{r["periodEnd"]}"));
        // Whole weeks keep their names.
        var whole = await api.Factory.Data("""{ localAuthority { trend(grain: WEEK, period: { from: "2025-09-01", to: "2025-09-14" }) { period { label start end } } } }""");
        Assert.Equal(["2025-09-01..2025-09-07", "2025-09-08..2025-09-14"],
            whole["localAuthority"]!["trend"]!.AsArray().Select(p => $"{p!["period"]!["start"]}..{p["period"]!["end"]}"));
        Assert.DoesNotContain(" to ", whole["localAuthority"]!["trend"]![0]!["period"]!["label"]!.GetValue<string>());
    }

    [Fact]
    public async Task Schools_Paging_FollowsTheCursor()
    {
        var first = await api.Factory.Data("{ schools(first: 2) { nodes { urn } pageInfo { endCursor } } }");
        var cursor = (string)first["schools"]!["pageInfo"]!["endCursor"]!;
        var next = await api.Factory.Data("query($after: String) { schools(first: 2, after: $after) { nodes { urn } pageInfo { hasNextPage } } }", new { after = cursor });
        var all = first["schools"]!["nodes"]!.AsArray().Concat(next["schools"]!["nodes"]!.AsArray()).Select(n => (int)n!["urn"]!).ToList();
        Assert.Equal(3, all.Distinct().Count());
        Assert.False((bool)next["schools"]!["pageInfo"]!["hasNextPage"]!);
    }

    [Fact]
    public async Task Schools_FilteredBelowAThreshold()
    {
        var data = await api.Factory.Data($$"""
            { schools(where: { measure: OVERALL_ABSENCE_RATE, below: 10 }, period: {{Autumn1}}) { nodes { urn } } }
            """);
        Assert.Equal([Alpha], data["schools"]!["nodes"]!.AsArray().Select(n => (int)n!["urn"]!));
    }

    [Fact]
    public async Task School_ComparedWithTheLaAndEngland()
    {
        var data = await api.Factory.Data($$"""
            { school(urn: {{Alpha}}) { name benchmark(period: {{Autumn1}}) {
                measures { overallAbsenceRate } localAuthorityPhase { overallAbsenceRate }
                national { academicYear educationPhase overallAbsenceRate }
                peers { measure value rank peerCount percentile quartile localAuthorityPhaseValue nationalPhaseValue } } } }
            """);
        var b = data["school"]!["benchmark"]!;
        Assert.Equal(6.25, (double)b["measures"]!["overallAbsenceRate"]!);               // 2 of 32
        Assert.Equal(19.3548, (double)b["localAuthorityPhase"]!["overallAbsenceRate"]!); // 12 of 62
        var absence = b["peers"]!.AsArray().Single(p => (string?)p!["measure"] == "OVERALL_ABSENCE_RATE")!;
        Assert.Equal((1, 2), ((int)absence["rank"]!, (int)absence["peerCount"]!));      // Alpha beats Beta's 33.3%
        MatchSnapshot(data);
    }

    [Fact]
    public async Task LookedAfterChildren_ComparedWithAllOtherPupils_ByWeek()
    {
        var data = await api.Factory.Data($$"""
            { cohortComparison(cohort: LOOKED_AFTER, grain: WEEK, period: {{Autumn1}}) {
                cohort period { label } measures { enrolments possibleSessions attendanceRate } rest { possibleSessions attendanceRate } attendanceRateGap } }
            """);
        var weeks = data["cohortComparison"]!.AsArray();
        var second = weeks.Single(w => (string?)w!["period"]!["label"] == "w/c 2025-09-08")!;
        Assert.Equal(10, (int)second["measures"]!["possibleSessions"]!); // P6 entered care on 8 Sep
        Assert.Equal(90.0, (double)second["measures"]!["attendanceRate"]!);
        MatchSnapshot(data);
    }

    [Fact]
    public async Task School_CohortBreakdown()
    {
        var data = await api.Factory.Data($$"""
            { school(urn: {{Gamma}}) { cohorts(period: {{Autumn1}}) { cohort measures { enrolments possibleSessions overallAbsenceRate } rest { possibleSessions overallAbsenceRate } overallAbsenceRateGap } } }
            """);
        var fsm = data["school"]!["cohorts"]!.AsArray().Single(c => (string?)c!["cohort"] == "FSM")!;
        Assert.Equal(18.75, (double)fsm["measures"]!["overallAbsenceRate"]!); // P7: 3 N of 16
        Assert.Equal(12, (int)fsm["rest"]!["possibleSessions"]!);           // P6 at Gamma
        // The LA's young carers come last, their enum value null (YoungCarers: P7 at Gamma, 12 sessions; rest 4 of 16 absent).
        var young = data["school"]!["cohorts"]!.AsArray().Last()!;
        Assert.Equal((null, 12, 16, 25.0), ((string?)young["cohort"], (int)young["measures"]!["possibleSessions"]!,
            (int)young["rest"]!["possibleSessions"]!, (double)young["rest"]!["overallAbsenceRate"]!));
        MatchSnapshot(data);
    }

    [Fact]
    public async Task MeasureTable_GivesBiToolsFlatRows()
    {
        var data = await api.Factory.Data($$"""
            { measureTable(groupBy: SCHOOL, grain: WEEK, period: {{Autumn1}}) { totalCount nodes {
                urn laestab schoolName phase periodLabel periodStart periodEnd cohort enrolments possibleSessions overallAbsenceRate persistentAbsenceRate } } }
            """);
        Assert.Equal(6, (int)data["measureTable"]!["totalCount"]!); // 3 schools × 2 weeks
        MatchSnapshot(data);
    }

    [Fact]
    public async Task Node_FindsASchoolByItsGlobalId()
    {
        var data = await api.Factory.Data("query($id: ID!) { node(id: $id) { id ... on School { urn name } } }", new { id = SchoolNodeId.For(Gamma) });
        Assert.Equal(Gamma, (int)data["node"]!["urn"]!);
    }

    [Fact]
    public async Task Periods_ListWhatTheDataCovers()
    {
        var data = await api.Factory.Data("{ periods { firstDate lastDate academicYears { label } halfTerms { label start end } } }");
        Assert.Equal("2025-09-03", (string?)data["periods"]!["firstDate"]);
        Assert.Equal("2025/26 Autumn 1", (string?)data["periods"]!["halfTerms"]![0]!["label"]);
    }

    [Fact]
    public async Task YearOnYear_AlignsWeeksOfTheAcademicYear()
    {
        var data = await api.Factory.Data("{ yearOnYear(measure: OVERALL_ABSENCE_RATE, academicYear: \"2025/26\") { weekOfAcademicYear weekStarting value previousValue change } }");
        var points = data["yearOnYear"]!.AsArray();
        Assert.Equal([1, 2], points.Select(p => (int)p!["weekOfAcademicYear"]!));
        Assert.Null(points[0]!["previousValue"]); // no 2024/25 data loaded
    }

    [Theory]
    [InlineData("{ localAuthority { measures(period: { academicYear: \"2025-2027\" }) { enrolments } } }", "BAD_PERIOD")]
    [InlineData("{ localAuthority { measures(period: { from: \"2025-09-10\", to: \"2025-09-01\" }) { enrolments } } }", "BAD_PERIOD")]
    [InlineData("{ localAuthority { measures(period: { academicYear: \"9999/00\" }) { enrolments } } }", "BAD_PERIOD")]
    [InlineData("{ localAuthority { measures(period: { from: \"0001-01-01\", to: \"9999-12-31\" }) { enrolments } } }", "BAD_PERIOD")]
    [InlineData("{ localAuthority { measures(period: { weekStarting: \"9999-12-31\" }) { enrolments } } }", "BAD_PERIOD")]
    [InlineData("{ yearOnYear(measure: OVERALL_ABSENCE_RATE, academicYear: \"9999/00\") { weekStarting } }", "BAD_PERIOD")]
    [InlineData("{ tsmPack(urn: 100001, asOf: \"9999-12-31\", period: { academicYear: \"2025/26\" }) { atRisk } }", "BAD_PERIOD")]
    [InlineData("{ schools(first: 500) { totalCount } }", "PAGE_TOO_LARGE")]
    [InlineData("{ schools(after: \"not-a-cursor\") { totalCount } }", "BAD_CURSOR")]
    public async Task BadArguments_AreAnsweredWithACodedError(string query, string code)
    {
        var result = await api.Factory.Query(query);
        Assert.Equal(code, (string?)result["errors"]![0]!["extensions"]!["code"]);
    }

    /// <summary>
    /// A date outside academic years 1899/00–2999/00 is refused by name, wherever it is given: before, a week starting
    /// 9999-12-31 or a pupil's marks from 0001-01-01 reached the calendar's arithmetic and came back as an unhandled
    /// ARGUMENT_OUT_OF_RANGE with a stack trace in the log.
    /// </summary>
    [Fact]
    public async Task DatesOutsideTheSupportedYears_AreRefusedByName_NotFailedOn()
    {
        foreach (var (query, named) in new[]
        {
            ($$"""{ pupil(upn: "{{P1}}") { marks(from: "0001-01-01", to: "2025-09-30") { totalCount } } }""", "'from' 0001-01-01"),
            ($$"""{ pupil(upn: "{{P1}}") { weeklyAttendance(period: { academicYear: "9999/00" }) { weekStart } } }""", "'9999/00'"),
            ($$"""{ tsmPack(urn: {{Alpha}}, asOf: "2025-09-30", period: { from: "2025-09-01", to: "9999-12-31" }) { atRisk } }""", "'to' 9999-12-31"),
        })
        {
            var error = (await api.Factory.Query(query))["errors"]![0]!;
            Assert.Equal("BAD_PERIOD", (string?)error["extensions"]!["code"]);
            Assert.Contains(named, (string?)error["message"]);
        }
    }

    /// <summary>
    /// The supported dates' ends are answered and the days beyond them refused, and a BI tool's open ends (1900-01-01,
    /// 2999-12-31) are inside: ranges with them were answered before the dates were bounded and still are.
    /// </summary>
    [Theory]
    [InlineData("1899-08-01", "2025-09-30", null)]
    [InlineData("1900-01-01", "2025-09-30", null)]
    [InlineData("2025-09-01", "2999-12-31", null)]
    [InlineData("2025-09-01", "3000-07-31", null)]
    [InlineData("1899-07-31", "2025-09-30", "'from' 1899-07-31")]
    [InlineData("2025-09-01", "3000-08-01", "'to' 3000-08-01")]
    public async Task TheSupportedDates_EndsIncluded_AreAnswered(string from, string to, string? refused)
    {
        var result = await api.Factory.Query("query($p: PeriodInput) { localAuthority { measures(period: $p) { enrolments } } }",
            new { p = new { from, to } });
        if (refused is null)
        {
            Assert.Null(result["errors"]);
            Assert.True((int)result["data"]!["localAuthority"]!["measures"]!["enrolments"]! > 0);
        }
        else
        {
            Assert.Equal("BAD_PERIOD", (string?)result["errors"]![0]!["extensions"]!["code"]);
            Assert.Contains(refused, (string?)result["errors"]![0]!["message"]);
        }
    }

    /// <summary>A cursor past the end gives an empty last page, the largest one too (its next offset overflowed an int and wrapped to the first page).</summary>
    [Fact]
    public async Task ACursorPastTheEnd_GivesAnEmptyPage_NotTheFirstOneAgain()
    {
        foreach (var offset in new[] { 50, int.MaxValue })
        {
            var data = await api.Factory.Data("query($after: String) { schools(first: 2, after: $after) { nodes { urn } pageInfo { hasPreviousPage hasNextPage } } }",
                new { after = AttendanceGraph.Api.Common.Paging.Encode(offset) });
            Assert.Empty(data["schools"]!["nodes"]!.AsArray());
            Assert.True((bool)data["schools"]!["pageInfo"]!["hasPreviousPage"]!);
            Assert.False((bool)data["schools"]!["pageInfo"]!["hasNextPage"]!);
        }
    }
}
