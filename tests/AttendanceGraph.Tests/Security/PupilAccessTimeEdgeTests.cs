using System.Text.Json.Nodes;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Tests.Api;
using AttendanceGraph.Tests.Pupils;
using static AttendanceGraph.Tests.Pupils.PupilWindowsAuthority;

namespace AttendanceGraph.Tests.Security;

/// <summary>
/// What each role is served of a pupil at the edges of its windows, on <see cref="PupilWindowsAuthority"/>: J moves from
/// Gamma to Theta on Thu 18 Sep, V's care ends on Wed 17 Sep, C is a child in need 15–23 Sep, O is in overlapping and
/// adjacent virtual-school cohorts 8–19 Sep and previously looked after from 24 Sep. The three weeks asked for,
/// 8–26 Sep, are wider than every window, so each answer is clipped and says to what.
/// </summary>
[Collection(PupilWindowsCollection.Name)]
public sealed class PupilAccessTimeEdgeTests(PupilWindowsWarehouse warehouse)
{
    private const string ThreeWeeks = "{ from: \"2025-09-08\", to: \"2025-09-26\" }";
    private static readonly string GammaSchool = ApiFactory.Token(Roles.School, Gamma), ThetaSchool = ApiFactory.Token(Roles.School, Theta),
        VirtualSchool = ApiFactory.Token(Roles.VirtualSchool);

    private static string TokenFor(string who) => who switch
    {
        "Gamma" => GammaSchool,
        "Theta" => ThetaSchool,
        _ => VirtualSchool,
    };

    /// <summary>Role × one day at each edge of a window: who may read the pupil's marks of that day.</summary>
    public static TheoryData<string, string, string, bool> EdgeDays() => new()
    {
        { "Gamma", J, "2025-09-17", true },    // Gamma's leaving day
        { "Gamma", J, "2025-09-18", false },   // the day after leaving Gamma
        { "Theta", J, "2025-09-17", false },   // the day before joining Theta
        { "Theta", J, "2025-09-18", true },    // Theta's joining day
        { "virtual-school", J, "2025-09-17", false }, // never in a qualifying cohort
        { "virtual-school", V, "2025-09-17", true },  // care's last day, a Wednesday
        { "virtual-school", V, "2025-09-18", false }, // the Thursday of the same week
        { "virtual-school", C, "2025-09-12", false }, // the school day before the child-in-need status began
        { "virtual-school", C, "2025-09-15", true },  // its first day
        { "virtual-school", C, "2025-09-23", true },  // its last day
        { "virtual-school", C, "2025-09-24", false }, // the day after it ended
        { "Gamma", C, "2025-09-24", true },           // a school's view does not depend on cohorts
    };

    [Theory]
    [MemberData(nameof(EdgeDays))]
    public async Task Role_AtTheEdgeOfAWindow_GetsThatDaysMarksOrForbidden(string who, string upn, string day, bool allowed)
    {
        var result = await warehouse.Api.QueryAs(TokenFor(who),
            $$"""{ pupil(upn: "{{upn}}") { marks(from: "{{day}}", to: "{{day}}") { totalCount servedWindows { from to } } } }""");
        PupilAccessAssert.GotTheFieldOrForbidden(result, who, "pupil.marks", allowed);
        if (allowed)
        {
            Assert.Equal(2, (int)result["data"]!["pupil"]!["marks"]!["totalCount"]!); // AM and PM
            Assert.Equal($$"""[{"from":"{{day}}","to":"{{day}}"}]""", Windows(result["data"]!["pupil"]!["marks"]!["servedWindows"]));
        }
    }

    private async Task<JsonNode> Pupil(string token, string upn, string selection)
    {
        var result = await warehouse.Api.QueryAs(token, $$"""{ pupil(upn: "{{upn}}") { {{selection}} } }""");
        Assert.True(result["errors"] is null, result.ToJsonString());
        return result["data"]!["pupil"]!;
    }

    private async Task<JsonNode> Marks(string token, string upn, string from, string to) =>
        (await Pupil(token, upn, $$"""marks(from: "{{from}}", to: "{{to}}") { totalCount servedWindows { from to } nodes { urn date session code } }"""))["marks"]!;

    private async Task<string> MarksRefusal(string token, string upn, string from, string to)
    {
        var result = await warehouse.Api.QueryAs(token, $$"""{ pupil(upn: "{{upn}}") { marks(from: "{{from}}", to: "{{to}}") { totalCount } } }""");
        Assert.Null(result["data"]!["pupil"]!["marks"]);
        return (string)Assert.Single(result["errors"]!.AsArray())!["extensions"]!["code"]!;
    }

    private static string Windows(JsonNode? windows) => windows!.ToJsonString();

    private static string[] Codes(JsonNode marks) => marks["nodes"]!.AsArray().Select(m => $"{m!["date"]} {m["session"]} {m["code"]}").ToArray();

    [Fact]
    public async Task School_OnTheLeavingDay_SeesThatDay_AndTheDayAfterIsForbidden()
    {
        var leaving = await Marks(GammaSchool, J, "2025-09-17", "2025-09-17");
        Assert.Equal(["2025-09-17 AM I", "2025-09-17 PM \\"], Codes(leaving));
        Assert.Equal("""[{"from":"2025-09-17","to":"2025-09-17"}]""", Windows(leaving["servedWindows"]));
        Assert.Equal(ForbiddenError.ErrorCode, await MarksRefusal(GammaSchool, J, "2025-09-18", "2025-09-18"));
    }

    [Fact]
    public async Task School_OnTheJoiningDay_SeesThatDay_AndTheDayBeforeIsForbidden()
    {
        Assert.Equal(ForbiddenError.ErrorCode, await MarksRefusal(ThetaSchool, J, "2025-09-17", "2025-09-17"));
        var joining = await Marks(ThetaSchool, J, "2025-09-18", "2025-09-18");
        Assert.Equal(["2025-09-18 AM /", "2025-09-18 PM O"], Codes(joining));
    }

    [Fact]
    public async Task FirstSchool_AskingForTheWholeTerm_GetsOnlyItsOwnPart_AndNeverTheNextSchool()
    {
        var pupil = await Pupil(GammaSchool, J, $$"""
            visibleWindows { from to } enrolments { urn entryDate leavingDate }
            marks(from: "2025-09-08", to: "2025-09-26") { totalCount servedWindows { from to } nodes { urn } }
            weeklyAttendance(period: {{ThreeWeeks}}) { urn weekStart servedWindows { from to } measures { possibleSessions attendanceSessions } }
            """);
        Assert.Equal("""[{"from":"2025-09-01","to":"2025-09-17"}]""", Windows(pupil["visibleWindows"]));
        Assert.Equal($$"""[{"urn":{{Gamma}},"entryDate":"2025-09-01","leavingDate":"2025-09-17"}]""", pupil["enrolments"]!.ToJsonString());
        // 8–17 Sep at Gamma: 8 school days, 16 sessions; none of Theta's 14.
        Assert.Equal(16, (int)pupil["marks"]!["totalCount"]!);
        Assert.All(pupil["marks"]!["nodes"]!.AsArray(), m => Assert.Equal(Gamma, (int)m!["urn"]!));
        Assert.Equal("""[{"from":"2025-09-08","to":"2025-09-17"}]""", Windows(pupil["marks"]!["servedWindows"]));
        // Week of 8 Sep (Mon–Sun, all served): 10 sessions, all present. Week of 15 Sep: Mon–Wed only, 6 sessions, I on Wed AM: 5 attended. No week of 22 Sep.
        Assert.Equal($$$"""
            [{"urn":{{{Gamma}}},"weekStart":"2025-09-08","servedWindows":[{"from":"2025-09-08","to":"2025-09-14"}],"measures":{"possibleSessions":10,"attendanceSessions":10}},{"urn":{{{Gamma}}},"weekStart":"2025-09-15","servedWindows":[{"from":"2025-09-15","to":"2025-09-17"}],"measures":{"possibleSessions":6,"attendanceSessions":5}}]
            """.Trim(), pupil["weeklyAttendance"]!.ToJsonString());
        Assert.DoesNotContain(Theta.ToString(), pupil.ToJsonString());
    }

    [Fact]
    public async Task NextSchool_SeesTheOpenEnrolmentFromTheJoiningDay()
    {
        var pupil = await Pupil(ThetaSchool, J, "visibleWindows { from to } enrolments { urn } marks(from: \"2025-09-08\", to: \"2025-09-26\") { totalCount servedWindows { from to } }");
        Assert.Equal("""[{"from":"2025-09-18","to":null}]""", Windows(pupil["visibleWindows"]));
        Assert.Equal($$"""[{"urn":{{Theta}}}]""", pupil["enrolments"]!.ToJsonString());
        Assert.Equal(14, (int)pupil["marks"]!["totalCount"]!); // 18, 19, 22–26 Sep: 7 days
        Assert.Equal("""[{"from":"2025-09-18","to":"2025-09-26"}]""", Windows(pupil["marks"]!["servedWindows"]));
    }

    [Fact]
    public async Task SchoolsTsmPack_ReportsAMoversRowOnlyWhileOnItsRoll()
    {
        var result = await warehouse.Api.QueryAs(GammaSchool, $$"""
            { tsmPack(urn: {{Gamma}}, period: {{ThreeWeeks}}) { pupils { nodes { upn servedWindows { from to } currentSchool { urn }
              measures { possibleSessions attendanceSessions } } } } }
            """);
        var j = result["data"]!["tsmPack"]!["pupils"]!["nodes"]!.AsArray().Single(n => (string?)n!["upn"] == J)!;
        // 16 sessions at Gamma, 1 absent: 93.75%, at risk.
        Assert.Equal($$$"""
            {"upn":"{{{J}}}","servedWindows":[{"from":"2025-09-08","to":"2025-09-17"}],"currentSchool":{"urn":{{{Gamma}}}},"measures":{"possibleSessions":16,"attendanceSessions":15}}
            """.Trim(), j.ToJsonString());
    }

    [Fact]
    public async Task VirtualSchool_MembershipEndingMidWeek_ServesNothingAfterItsLastDay()
    {
        var pupil = await Pupil(VirtualSchool, V, $$"""
            visibleWindows { from to } cohortMemberships { cohort startDate endDate }
            marks(from: "2025-09-08", to: "2025-09-26") { totalCount servedWindows { from to } nodes { date session code } }
            weeklyAttendance(period: {{ThreeWeeks}}) { weekStart servedWindows { from to } measures { possibleSessions overallAbsenceSessions } }
            """);
        Assert.Equal("""[{"from":"2025-09-01","to":"2025-09-17"}]""", Windows(pupil["visibleWindows"]));
        Assert.Equal("""[{"cohort":"LOOKED_AFTER","startDate":"2025-09-01","endDate":"2025-09-17"}]""", pupil["cohortMemberships"]!.ToJsonString());
        // 8–17 Sep: 16 sessions, the O on Wed 17 PM the only absence; Thursday's two I are not served.
        Assert.Equal(16, (int)pupil["marks"]!["totalCount"]!);
        Assert.Equal("""[{"from":"2025-09-08","to":"2025-09-17"}]""", Windows(pupil["marks"]!["servedWindows"]));
        Assert.DoesNotContain("2025-09-18", pupil["marks"]!.ToJsonString());
        Assert.Equal("""
            [{"weekStart":"2025-09-08","servedWindows":[{"from":"2025-09-08","to":"2025-09-14"}],"measures":{"possibleSessions":10,"overallAbsenceSessions":0}},{"weekStart":"2025-09-15","servedWindows":[{"from":"2025-09-15","to":"2025-09-17"}],"measures":{"possibleSessions":6,"overallAbsenceSessions":1}}]
            """.Trim(), pupil["weeklyAttendance"]!.ToJsonString());
        Assert.Equal(ForbiddenError.ErrorCode, await MarksRefusal(VirtualSchool, V, "2025-09-18", "2025-09-19"));
    }

    [Fact]
    public async Task VirtualSchool_ChildInNeedStatusThatEnded_IsServedOnlyInsideIt()
    {
        var pupil = await Pupil(VirtualSchool, C, """
            visibleWindows { from to } enrolments { urn entryDate leavingDate }
            marks(from: "2025-09-08", to: "2025-09-26") { totalCount servedWindows { from to } nodes { date session code } }
            """);
        Assert.Equal("""[{"from":"2025-09-15","to":"2025-09-23"}]""", Windows(pupil["visibleWindows"]));
        // The enrolment at Gamma (from 1 Sep, open) as far as the virtual school may see it.
        Assert.Equal($$"""[{"urn":{{Gamma}},"entryDate":"2025-09-15","leavingDate":"2025-09-23"}]""", pupil["enrolments"]!.ToJsonString());
        // 15–23 Sep: 7 days, 14 sessions; the N on Mon 22 is served, the I on Fri 12 and Wed 24 are not.
        Assert.Equal(14, (int)pupil["marks"]!["totalCount"]!);
        Assert.Equal(["2025-09-22 AM N"], Codes(pupil["marks"]!).Where(c => !c.EndsWith('/') && !c.EndsWith('\\')));
    }

    [Fact]
    public async Task VirtualSchoolList_CountsOnlyTheDaysInTheQualifyingCohort()
    {
        var result = await warehouse.Api.QueryAs(VirtualSchool, $$"""
            { lac: virtualSchool(cohort: LOOKED_AFTER) { pupils(period: {{ThreeWeeks}}) { nodes { upn servedWindows { from to } measures { possibleSessions overallAbsenceSessions } } } }
              sw: virtualSchool(cohort: SOCIAL_WORKER) { pupils(period: {{ThreeWeeks}}) { nodes { upn servedWindows { from to } measures { possibleSessions overallAbsenceSessions } } } } }
            """);
        Assert.True(result["errors"] is null, result.ToJsonString());
        // V: 16 sessions, 1 absent (30 and 3 over all three weeks). C: 14 sessions, 1 absent (30 and 3).
        JsonNode Row(string list, string upn) => result["data"]![list]!["pupils"]!["nodes"]!.AsArray().Single(n => (string?)n!["upn"] == upn)!;
        Assert.Equal($$$"""
            {"upn":"{{{V}}}","servedWindows":[{"from":"2025-09-08","to":"2025-09-17"}],"measures":{"possibleSessions":16,"overallAbsenceSessions":1}}
            """.Trim(), Row("lac", V).ToJsonString());
        Assert.Equal($$$"""
            {"upn":"{{{C}}}","servedWindows":[{"from":"2025-09-15","to":"2025-09-23"}],"measures":{"possibleSessions":14,"overallAbsenceSessions":1}}
            """.Trim(), Row("sw", C).ToJsonString());
    }

    [Fact]
    public async Task OverlappingAndAdjacentMemberships_AreOneWindow_AndNoMarkIsCountedTwice()
    {
        var pupil = await Pupil(VirtualSchool, O, $$"""
            visibleWindows { from to } enrolments { entryDate leavingDate }
            marks(from: "2025-09-08", to: "2025-09-26") { totalCount servedWindows { from to } }
            weeklyAttendance(period: {{ThreeWeeks}}) { weekStart measures { possibleSessions overallAbsenceSessions } }
            """);
        Assert.Equal("""[{"from":"2025-09-08","to":"2025-09-19"},{"from":"2025-09-24","to":null}]""", Windows(pupil["visibleWindows"]));
        Assert.Equal("""[{"entryDate":"2025-09-08","leavingDate":"2025-09-19"},{"entryDate":"2025-09-24","leavingDate":null}]""",
            pupil["enrolments"]!.ToJsonString());
        // 8–19 Sep: 20 sessions; 24–26 Sep: 6. The I on Thu 11 Sep (in need and on a plan) once.
        Assert.Equal(26, (int)pupil["marks"]!["totalCount"]!);
        Assert.Equal("""[{"from":"2025-09-08","to":"2025-09-19"},{"from":"2025-09-24","to":"2025-09-26"}]""", Windows(pupil["marks"]!["servedWindows"]));
        Assert.Equal("""
            [{"weekStart":"2025-09-08","measures":{"possibleSessions":10,"overallAbsenceSessions":1}},{"weekStart":"2025-09-15","measures":{"possibleSessions":10,"overallAbsenceSessions":0}},{"weekStart":"2025-09-22","measures":{"possibleSessions":6,"overallAbsenceSessions":0}}]
            """.Trim(), pupil["weeklyAttendance"]!.ToJsonString());
    }

    [Fact]
    public async Task LaLead_IsServedTheWholePeriod_WithOneUnboundedWindow()
    {
        var pupil = await Pupil(ApiFactory.LaLeadToken, J, "visibleWindows { from to } enrolments { urn } marks(from: \"2025-09-08\", to: \"2025-09-26\") { totalCount servedWindows { from to } }");
        Assert.Equal("""[{"from":null,"to":null}]""", Windows(pupil["visibleWindows"]));
        Assert.Equal($$"""[{"urn":{{Gamma}}},{"urn":{{Theta}}}]""", pupil["enrolments"]!.ToJsonString());
        Assert.Equal(30, (int)pupil["marks"]!["totalCount"]!);
        Assert.Equal("""[{"from":"2025-09-08","to":"2025-09-26"}]""", Windows(pupil["marks"]!["servedWindows"]));
    }
}
