using AttendanceGraph.Api.Disclosure;
using System.Text.Json.Nodes;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;
using static AttendanceGraph.Tests.Fixtures.ResidentsElsewhere;

namespace AttendanceGraph.Tests.Api;

/// <summary>
/// Through GraphQL, the hand-checked LA with its residents at Merton's schools (<see cref="ResidentsElsewhere"/>): the LA's
/// population choice, each population protected like any cell, and the Virtual School counting its looked-after child placed at
/// Merton's school and saying the school is out of area.
/// </summary>
public sealed class ResidencyApiTests : IDisposable
{
    private const string Autumn1 = "{ academicYear: \"2025/26\", term: AUTUMN, halfTerm: 1 }";
    private readonly EtlWarehouse warehouse = new();

    public ResidencyApiTests() => warehouse.Load(ResidentsElsewhere.Write(warehouse));

    public void Dispose() => warehouse.Dispose();

    private static void AssertTooDetailed(JsonObject result) =>
        Assert.Equal(PopulationTooDetailedError.ErrorCode, (string?)result["errors"]?[0]?["extensions"]?["code"]);

    [Fact]
    public async Task TheLasPopulationChoice_GivesTheHandCheckedFigures_TheDefaultUnchanged()
    {
        using var api = new ApiFactory(warehouse.Paths.Root);
        var data = await api.Data($$"""
            { localAuthority {
                default: measures(period: {{Autumn1}}) { enrolments possibleSessions overallAbsenceSessions }
                schools: measures(period: {{Autumn1}}, population: AT_LA_SCHOOLS) { enrolments possibleSessions overallAbsenceSessions }
                resident: measures(period: {{Autumn1}}, population: RESIDENT) { enrolments possibleSessions overallAbsenceSessions }
                elsewhere: measures(period: {{Autumn1}}, population: RESIDENT_ELSEWHERE) { enrolments possibleSessions overallAbsenceSessions }
                livingElsewhere: measures(period: {{Autumn1}}, population: LIVING_ELSEWHERE) { enrolments possibleSessions overallAbsenceSessions }
                both: measures(period: {{Autumn1}}, population: AT_LA_SCHOOLS_OR_RESIDENT) { enrolments possibleSessions overallAbsenceSessions }
                trend(grain: WEEK, period: {{Autumn1}}, population: RESIDENT_ELSEWHERE) { period { start } measures { enrolments possibleSessions } } } }
            """);
        var la = data["localAuthority"]!;
        (int, int, int) Of(string alias) =>
            ((int)la[alias]!["enrolments"]!, (int)la[alias]!["possibleSessions"]!, (int)la[alias]!["overallAbsenceSessions"]!);
        Assert.Equal((7, 90, 16), Of("default"));
        Assert.Equal((7, 90, 16), Of("schools"));
        Assert.Equal((8, 100, 17), Of("resident"));
        Assert.Equal((2, 20, 2), Of("elsewhere"));
        Assert.Equal((1, 10, 1), Of("livingElsewhere"));
        Assert.Equal((9, 110, 18), Of("both"));
        // The residents elsewhere are known for the week of 8 September only.
        var week = Assert.Single(la["trend"]!.AsArray());
        Assert.Equal(("2025-09-08", 2, 20), ((string)week!["period"]!["start"]!, (int)week["measures"]!["enrolments"]!, (int)week["measures"]!["possibleSessions"]!));
    }

    [Fact]
    public async Task APopulationsCell_IsPublishedAsTheSameValue_WhicheverFieldAsksForIt()
    {
        using var api = new ApiFactory(warehouse.Paths.Root);
        var query = $$"""
            { localAuthority {
                measures(period: {{Autumn1}}, population: RESIDENT) { enrolments persistentAbsenceEnrolments overallAbsenceRate }
                trend(grain: HALF_TERM, period: {{Autumn1}}, population: RESIDENT) { measures { enrolments persistentAbsenceEnrolments overallAbsenceRate } } } }
            """;
        var result = await api.QueryAs(ApiFactory.Token(Roles.BiReader), query);
        Assert.True(result["errors"] is null, result.ToJsonString());
        var la = result["data"]!["localAuthority"]!;
        var cell = la["measures"]!.ToJsonString();
        // The half term is the period: one point, the same enrolments.
        Assert.Equal(cell, Assert.Single(la["trend"]!.AsArray())!["measures"]!.ToJsonString());
        // The bi-reader sees published values, not necessarily the exact 8.
        var exact = await api.Data($$"""{ localAuthority { measures(period: {{Autumn1}}, population: RESIDENT) { enrolments } } }""");
        Assert.Equal(8, (int)exact["localAuthority"]!["measures"]!["enrolments"]!);
    }

    [Theory]
    [InlineData("breakdown(by: RESIDENCY, period: {{period}}, population: RESIDENT) { group measures { enrolments } }")]
    [InlineData("measures(period: {{period}}, cohort: LOOKED_AFTER, population: RESIDENT_ELSEWHERE) { enrolments }")]
    [InlineData("measures(period: {{period}}, characteristic: { characteristic: YEAR_GROUP, group: \"3\" }, population: AT_LA_SCHOOLS_OR_RESIDENT) { enrolments }")]
    [InlineData("trend(grain: WEEK, period: {{period}}, population: LIVING_ELSEWHERE, breakdown: ETHNICITY_MAJOR) { measures { enrolments } }")]
    [InlineData("trend(grain: HALF_TERM, period: {{period}}, population: LIVING_ELSEWHERE, phase: SECONDARY) { measures { enrolments } }")] // Gamma alone
    [InlineData("trend(grain: WEEK, period: {{period}}, phase: PRIMARY, population: RESIDENT) { measures { enrolments } }")] // two schools, but a phase can be one in some week
    [InlineData("byPhase(period: {{period}}, population: RESIDENT) { phase measures { enrolments } }")] // its secondary row is Gamma's
    public async Task AResidencyPopulation_ReachesAProtectedRoleOnlyWhole_NeverByCohortOrCharacteristic(string field)
    {
        using var api = new ApiFactory(warehouse.Paths.Root);
        var query = "{ localAuthority { " + field.Replace("{{period}}", Autumn1) + " } }";

        var published = await api.QueryAs(ApiFactory.Token(Roles.BiReader), query);
        AssertTooDetailed(published);
        var asSchool = await api.QueryAs(ApiFactory.Token(Roles.School, Alpha), query);
        AssertTooDetailed(asSchool);
        // la-lead's figures are exact, so nesting tells it nothing it cannot read.
        var exact = await api.QueryAs(ApiFactory.LaLeadToken, query);
        Assert.True(exact["errors"] is null, exact.ToJsonString());
        // The same field over the LA's schools (no residency) is an ordinary published cell.
        var ordinary = await api.QueryAs(ApiFactory.Token(Roles.BiReader), query.Replace("RESIDENT_ELSEWHERE", "AT_LA_SCHOOLS")
            .Replace("AT_LA_SCHOOLS_OR_RESIDENT", "AT_LA_SCHOOLS").Replace("LIVING_ELSEWHERE", "AT_LA_SCHOOLS").Replace("RESIDENT)", "AT_LA_SCHOOLS)"));
        Assert.True(ordinary["errors"] is null, ordinary.ToJsonString());
    }

    [Theory]
    [InlineData("breakdown(by: RESIDENCY, period: {{period}}, urn: 100002) { group measures { enrolments } }")]
    [InlineData("breakdown(by: RESIDENCY, period: {{period}}, cohort: LOOKED_AFTER) { group measures { enrolments } }")]
    [InlineData("localAuthority { measures(period: {{period}}, characteristic: { characteristic: RESIDENCY, group: \"NOT_RESIDENT\" }, cohort: LOOKED_AFTER) { enrolments } }")]
    [InlineData("localAuthority { breakdown(by: RESIDENCY, period: {{period}}, characteristic: { characteristic: YEAR_GROUP, group: \"2\" }) { group measures { enrolments } } }")]
    [InlineData("measureTable(groupBy: SCHOOL, period: {{period}}, breakdown: RESIDENCY) { nodes { urn group enrolments } }")]
    [InlineData("school(urn: 100002) { measures(period: {{period}}, characteristic: { characteristic: RESIDENCY, group: \"NOT_RESIDENT\" }) { enrolments } }")]
    [InlineData("breakdown(by: RESIDENCY, period: {{period}}, phase: SECONDARY) { group measures { enrolments } }")] // Gamma alone: refused by URN
    [InlineData("measureTable(groupBy: PHASE, grain: WEEK, period: {{period}}, breakdown: RESIDENCY) { nodes { phase group enrolments } }")]
    [InlineData("virtualSchool(cohort: LOOKED_AFTER) { measures(period: {{period}}, characteristic: { characteristic: RESIDENCY, group: \"RESIDENT\" }) { enrolments } }")]
    public async Task TheResidencyCharacteristic_ReachesAProtectedRoleOnlyWhole_AsTheLivingElsewherePopulationDoes(string field)
    {
        // Its "lives in another LA" group of the LA's schools is the LIVING_ELSEWHERE population: by school or cohort it would
        // say which school or cohort has a pupil from another LA (P5 at Beta) however the count is published.
        using var api = new ApiFactory(warehouse.Paths.Root);
        var query = "{ " + field.Replace("{{period}}", Autumn1) + " }";

        var published = await api.QueryAs(ApiFactory.Token(Roles.BiReader), query);
        AssertTooDetailed(published);
        var exact = await api.QueryAs(ApiFactory.LaLeadToken, query);
        Assert.True(exact["errors"] is null, exact.ToJsonString());
        var withDisclosureControl = await api.QueryAs(ApiFactory.LaLeadToken, query,
            headers: new Dictionary<string, string> { [AccessContext.DisclosureHeader] = "true" });
        AssertTooDetailed(withDisclosureControl);
    }

    [Fact]
    public async Task TheResidencyCharacteristic_IsPublishedForTheWholeLa_AndExactToASchoolForItsOwnPupils()
    {
        using var api = new ApiFactory(warehouse.Paths.Root);
        var whole = await api.QueryAs(ApiFactory.Token(Roles.BiReader), $$"""
            { localAuthority { breakdown(by: RESIDENCY, period: {{Autumn1}}) { group measures { enrolments } } }
              trend(grain: WEEK, period: {{Autumn1}}, breakdown: RESIDENCY) { group measures { enrolments } } }
            """);
        Assert.True(whole["errors"] is null, whole.ToJsonString());

        // Beta's attendance lead sees its own pupil from Merton exactly, through any field.
        var own = await api.QueryAs(ApiFactory.Token(Roles.School, Beta), $$"""
            { school(urn: {{Beta}}) { measures(period: {{Autumn1}}, characteristic: { characteristic: RESIDENCY, group: "NOT_RESIDENT" }) { enrolments possibleSessions } }
              breakdown(by: RESIDENCY, period: {{Autumn1}}, urn: {{Beta}}) { group measures { enrolments } } }
            """);
        Assert.True(own["errors"] is null, own.ToJsonString());
        Assert.Equal(1, (int)own["data"]!["school"]!["measures"]!["enrolments"]!);
        Assert.Equal(10, (int)own["data"]!["school"]!["measures"]!["possibleSessions"]!);
        Assert.Contains(own["data"]!["breakdown"]!.AsArray(), r => (string?)r!["group"] == "NOT_RESIDENT" && (int)r["measures"]!["enrolments"]! == 1);
    }

    [Fact]
    public async Task AVirtualSchoolFigure_ReachesAProtectedRoleWithoutCharacteristics_OnceAnotherLasSchoolIsLoaded()
    {
        // Looked-after children in a year group at any school against the same at the LA's schools would say whether one of
        // that year group is placed elsewhere (R1 in year 4 at Morden Brook), as the residency populations did.
        using var api = new ApiFactory(warehouse.Paths.Root);
        var filtered = $$"""{ virtualSchool(cohort: LOOKED_AFTER) { measures(period: {{Autumn1}}, characteristic: { characteristic: YEAR_GROUP, group: "4" }) { enrolments } } }""";
        foreach (var token in new[] { ApiFactory.Token(Roles.BiReader), ApiFactory.Token(Roles.School, Alpha) })
        {
            var refused = await api.QueryAs(token, filtered);
            AssertTooDetailed(refused);
            var whole = await api.QueryAs(token, $$"""
                { virtualSchool(cohort: LOOKED_AFTER) { measures(period: {{Autumn1}}) { enrolments } trend(grain: WEEK, period: {{Autumn1}}) { measures { enrolments } } } }
                """);
            Assert.True(whole["errors"] is null, whole.ToJsonString());
        }
        var exact = await api.QueryAs(ApiFactory.Token(Roles.VirtualSchool), filtered);
        Assert.Equal(1, (int)exact["data"]!["virtualSchool"]!["measures"]!["enrolments"]!);
    }

    [Fact]
    public async Task TheVirtualSchool_CountsItsLookedAfterChildAtAnotherLasSchool_AndSaysTheSchoolIsOutOfArea()
    {
        using var api = new ApiFactory(warehouse.Paths.Root);
        var result = await api.QueryAs(ApiFactory.Token(Roles.VirtualSchool), $$"""
            { virtualSchool(cohort: LOOKED_AFTER) {
                measures(period: {{Autumn1}}) { enrolments possibleSessions overallAbsenceSessions registerDetailUnavailable }
                pupils(period: {{Autumn1}}) { totalCount nodes { upn currentSchool { urn } currentPlacement { urn name laName laCode outOfArea }
                  attendanceRate measures { possibleSessions registerDetailUnavailable }
                  patternsUnavailable absenceSpells longestAbsenceSpell falling weekdays { mondayFlag } penaltyNotice { thresholdMet }
                  mainAbsenceReasons { code } overdueUnexplainedAbsences { date } yearToDateAttendanceRate } } } }
            """);
        Assert.True(result["errors"] is null, result.ToJsonString());
        var vs = result["data"]!["virtualSchool"]!;
        // P6 from 8 Sep at Gamma (10 possible, 1 U) and R1 at Morden Brook (10 possible, 2 absent): 2 pupils, 20, 3.
        Assert.Equal((2, 20, 3), ((int)vs["measures"]!["enrolments"]!, (int)vs["measures"]!["possibleSessions"]!, (int)vs["measures"]!["overallAbsenceSessions"]!));
        Assert.NotNull(vs["measures"]!["registerDetailUnavailable"]);
        var pupils = vs["pupils"]!["nodes"]!.AsArray().ToDictionary(p => (string)p!["upn"]!);
        Assert.Equal(2, (int)vs["pupils"]!["totalCount"]!);
        var r1 = pupils[R1]!;
        Assert.Null(r1["currentSchool"]); // never one of the LA's schools
        Assert.Equal($$"""{"urn":{{MordenBrook}},"name":"Morden Brook Primary School","laName":"Merton","laCode":null,"outOfArea":true}""", r1["currentPlacement"]!.ToJsonString());
        Assert.Equal((10, 80.0), ((int)r1["measures"]!["possibleSessions"]!, (double)r1["attendanceRate"]!));
        Assert.NotNull(r1["measures"]!["registerDetailUnavailable"]);
        // R1's week is DfE totals: its patterns are unknown and say why, never 0 spells and "below the penalty-notice threshold".
        Assert.Contains("weekly totals", (string)r1["patternsUnavailable"]!);
        foreach (var pattern in new[] { "absenceSpells", "longestAbsenceSpell", "falling", "weekdays", "penaltyNotice", "mainAbsenceReasons", "overdueUnexplainedAbsences", "yearToDateAttendanceRate" })
            Assert.True(r1[pattern] is null, pattern);
        var p6 = pupils[P6]!;
        Assert.Null(p6["patternsUnavailable"]);
        Assert.Equal(1, (int)p6["longestAbsenceSpell"]!); // its one U, from registers
        Assert.False((bool)p6["penaltyNotice"]!["thresholdMet"]!);
        Assert.Equal(Gamma, (int)p6["currentSchool"]!["urn"]!);
        Assert.Equal((Gamma, false, 319), ((int)p6["currentPlacement"]!["urn"]!, (bool)p6["currentPlacement"]!["outOfArea"]!, (int)p6["currentPlacement"]!["laCode"]!));
        Assert.Null(p6["measures"]!["registerDetailUnavailable"]);
    }

    [Theory]
    [InlineData("2025-09-10", "2025-09-19")] // starts mid-week
    [InlineData("2025-09-01", "2025-09-10")] // ends mid-week
    public async Task TheVirtualSchoolsPupilList_RefusesAPeriodCuttingAWeekKnownOnlyAsTotals_AsItsMeasuresDo(string from, string to)
    {
        using var api = new ApiFactory(warehouse.Paths.Root);
        var period = $$"""{ from: "{{from}}", to: "{{to}}" }""";
        var result = await api.QueryAs(ApiFactory.Token(Roles.VirtualSchool),
            $$"""{ virtualSchool(cohort: LOOKED_AFTER) { pupils(period: {{period}}) { nodes { upn measures { possibleSessions } } } } }""");
        // R1's only week (8-12 Sep) is DfE totals: leaving it out would answer 0 sessions.
        Assert.Equal("BAD_PERIOD", (string?)result["errors"]?[0]?["extensions"]?["code"]);
        Assert.Contains("2025-09-08", (string)result["errors"]![0]!["message"]!);
        var measures = await api.QueryAs(ApiFactory.Token(Roles.VirtualSchool),
            $$"""{ virtualSchool(cohort: LOOKED_AFTER) { measures(period: {{period}}) { possibleSessions } } }""");
        Assert.Equal("BAD_PERIOD", (string?)measures["errors"]?[0]?["extensions"]?["code"]);
    }

    [Fact]
    public async Task APupilsWeeklyAttendance_IncludesAWeekKnownOnlyAsTotals_SaidToBeWithoutRegisterDetail_AndACutWeekIsABadPeriod()
    {
        using var api = new ApiFactory(warehouse.Paths.Root);
        foreach (var role in new[] { Roles.LaLead, Roles.VirtualSchool })
        {
            var result = await api.QueryAs(ApiFactory.Token(role), $$"""
                { pupil(upn: "{{R1}}") { weeklyAttendance(period: {{Autumn1}}) { urn weekStart servedWindows { from to }
                    measures { possibleSessions overallAbsenceSessions lateSessions registerDetailUnavailable } } } }
                """);
            Assert.True(result["errors"] is null, result.ToJsonString());
            // R1's one week, at Morden Brook, is DfE totals (10 possible, 2 absent): listed, not left out as if no attendance.
            var week = Assert.Single(result["data"]!["pupil"]!["weeklyAttendance"]!.AsArray())!;
            Assert.Equal((MordenBrook, "2025-09-08"), ((int)week["urn"]!, (string)week["weekStart"]!));
            Assert.Equal((10, 2), ((int)week["measures"]!["possibleSessions"]!, (int)week["measures"]!["overallAbsenceSessions"]!));
            Assert.Null(week["measures"]!["lateSessions"]);
            Assert.Contains("weekly totals", (string)week["measures"]!["registerDetailUnavailable"]!);
            var cut = await api.QueryAs(ApiFactory.Token(role),
                $$"""{ pupil(upn: "{{R1}}") { weeklyAttendance(period: { from: "2025-09-10", to: "2025-09-19" }) { weekStart } } }""");
            Assert.Equal("BAD_PERIOD", (string?)cut["errors"]?[0]?["extensions"]?["code"]);
        }
    }
}
