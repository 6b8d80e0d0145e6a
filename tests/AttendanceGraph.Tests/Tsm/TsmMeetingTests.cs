using System.Text.Json.Nodes;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Tests.Api;
using AttendanceGraph.Tests.Pupils;
using static AttendanceGraph.Tests.Pupils.PupilPatternsAuthority;

namespace AttendanceGraph.Tests.Tsm;

/// <summary>Recording Targeting Support Meetings and the pack's last agreed action with attendance since (pupil H, see the authority).</summary>
[Collection(PupilPatternsCollection.Name)]
public sealed class TsmMeetingTests(PupilPatternsWarehouse warehouse)
{
    private const string Autumn1 = "{ academicYear: \"2025/26\", term: AUTUMN, halfTerm: 1 }";
    private const string Autumn2 = "{ academicYear: \"2025/26\", term: AUTUMN, halfTerm: 2 }";
    private static readonly string DeltaToken = ApiFactory.Token(Roles.School, Delta), EpsilonToken = ApiFactory.Token(Roles.School, Epsilon);

    private static string Record(int urn, string date, string upn, string level = "TARGETED", string action = "Attendance panel") => $$"""
        mutation { recordTargetingSupportMeeting(input: { urn: {{urn}}, date: "{{date}}", attendees: ["Head of Year 6", " EWO "],
          actions: [{ upn: "{{upn.ToLowerInvariant()}}", agreedAction: "{{action}}", leadPractitioner: "J. Smith (EWO)", supportLevel: {{level}} }] }) {
            id urn date attendees recordedBy recordedAt actions { upn agreedAction leadPractitioner supportLevel } } }
        """;

    private async Task<JsonNode?> LastActionOf(string upn, string period)
    {
        var data = await warehouse.Api.Data($$"""
            { tsmPack(urn: {{Delta}}, period: {{period}}) { pupils { nodes { upn lastAgreedAction {
                meetingDate agreedAction supportLevel leadPractitioner beforeMeetingFrom sinceMeetingTo
                attendanceRateBeforeMeeting attendanceRateSinceMeeting attendanceRateChangeSinceMeeting } } } } }
            """);
        return data["tsmPack"]!["pupils"]!["nodes"]!.AsArray().Single(n => (string)n!["upn"]! == upn)!["lastAgreedAction"];
    }

    [Fact]
    public async Task RecordedMeeting_ShowsInTheNextPack_WithAttendanceSince()
    {
        var recorded = await warehouse.Api.QueryAs(DeltaToken, Record(Delta, "2025-11-03", H));
        Assert.Null(recorded["errors"]);
        var meeting = recorded["data"]!["recordTargetingSupportMeeting"]!;
        Assert.Equal(("2025-11-03", "test-school"), ((string?)meeting["date"], (string?)meeting["recordedBy"]));
        Assert.Equal(["Head of Year 6", "EWO"], meeting["attendees"]!.AsArray().Select(a => (string)a!));
        Assert.Equal((H, "TARGETED"), ((string?)meeting["actions"]![0]!["upn"], (string?)meeting["actions"]![0]!["supportLevel"]));

        var last = (await LastActionOf(H, Autumn2))!;
        Assert.Equal(("2025-11-03", "Attendance panel", "TARGETED", "J. Smith (EWO)"),
            ((string?)last["meetingDate"], (string?)last["agreedAction"], (string?)last["supportLevel"], (string?)last["leadPractitioner"]));
        // Since: 3 Nov – 19 Dec, 47 days, 70 sessions, 5 O (17–19 Nov). Before: the 47 days 17 Sep – 2 Nov, 56 sessions, all present.
        Assert.Equal(("2025-09-17", "2025-12-19"), ((string?)last["beforeMeetingFrom"], (string?)last["sinceMeetingTo"]));
        Assert.Equal(100.0, (double)last["attendanceRateBeforeMeeting"]!);
        Assert.Equal(92.8571, (double)last["attendanceRateSinceMeeting"]!);
        Assert.Equal(-7.1429, (double)last["attendanceRateChangeSinceMeeting"]!);
    }

    [Fact]
    public async Task PackShowsTheLastMeetingOnOrBeforeThePeriodEnd()
    {
        Assert.Null((await warehouse.Api.QueryAs(ApiFactory.LaLeadToken, Record(Delta, "2025-10-06", S, "UNIVERSAL", "Morning check-in")))["errors"]);
        Assert.Null((await warehouse.Api.QueryAs(ApiFactory.LaLeadToken, Record(Delta, "2025-11-10", S, "STATUTORY_ATTENDANCE_CONTRACT", "Contract")))["errors"]);

        var autumn1 = (await LastActionOf(S, Autumn1))!;
        Assert.Equal(("2025-10-06", "UNIVERSAL"), ((string?)autumn1["meetingDate"], (string?)autumn1["supportLevel"]));
        // S misses every Autumn 1 morning: 50% both sides of 6 Oct (before: 15 days 21 Sep – 5 Oct; since: 6 – 24 Oct).
        Assert.Equal((50.0, 50.0, 0.0), ((double)autumn1["attendanceRateBeforeMeeting"]!, (double)autumn1["attendanceRateSinceMeeting"]!,
            (double)autumn1["attendanceRateChangeSinceMeeting"]!));

        var autumn2 = await warehouse.Api.Data($$"""{ tsmPack(urn: {{Delta}}, period: {{Autumn2}}) { pupils { nodes { upn } } } }""");
        Assert.DoesNotContain(S, autumn2["tsmPack"]!["pupils"]!["nodes"]!.AsArray().Select(n => (string)n!["upn"]!)); // present all autumn 2
    }

    [Fact]
    public async Task VirtualSchoolList_HasNoTsmAction()
    {
        var data = await warehouse.Api.Data($$"""{ virtualSchool { pupils(period: {{Autumn1}}) { nodes { upn lastAgreedAction { meetingDate } } } } }""");
        Assert.All(data["virtualSchool"]!["pupils"]!["nodes"]!.AsArray(), n => Assert.Null(n!["lastAgreedAction"]));
    }

    [Theory]
    [InlineData("school for another school's pupil", "school Epsilon", Epsilon, "2025-11-03", "A", "FORBIDDEN")]
    [InlineData("school for another school", "school Delta", Epsilon, "2025-11-03", "L", "FORBIDDEN")]
    [InlineData("school for a pupil who has left", "school Delta", Delta, "2025-10-06", "L", "FORBIDDEN")]
    [InlineData("school for an unknown pupil", "school Delta", Delta, "2025-10-06", "B801200005001", "FORBIDDEN")]
    [InlineData("la-lead for a pupil not on that roll", "la-lead", Epsilon, "2025-11-03", "A", "BAD_INPUT")]
    [InlineData("la-lead for an unknown school", "la-lead", 999999, "2025-11-03", "A", "BAD_INPUT")]
    [InlineData("la-lead for a future date", "la-lead", Delta, "2099-01-05", "A", "BAD_INPUT")]
    [InlineData("virtual-school", "virtual-school", Epsilon, "2025-11-03", "L", "FORBIDDEN")]
    [InlineData("bi-reader", "bi-reader", Delta, "2025-11-03", "A", "FORBIDDEN")]
    public async Task Recording_IsRefused(string why, string who, int urn, string date, string pupil, string code)
    {
        var upn = pupil switch { "A" => A, "L" => L, _ => pupil };
        var operation = $"refused{Guid.NewGuid():N}";
        var result = await warehouse.Api.QueryAs(Security.PupilAccessMatrixTests.TokenFor(who), Record(urn, date, upn).Replace("mutation {", $"mutation {operation} {{"));
        Assert.True(result["data"] is null || result["data"]!["recordTargetingSupportMeeting"] is null, why);
        Assert.Equal(code, (string?)result["errors"]![0]!["extensions"]!["code"]);
        var audit = await warehouse.Api.Data("{ accessAudit(first: 500) { nodes { operation } } }");
        Assert.DoesNotContain(audit["accessAudit"]!["nodes"]!.AsArray(), n => ((string)n!["operation"]!).StartsWith(operation, StringComparison.Ordinal));
    }

    /// <summary>A meeting dated before the supported dates is refused as such, not as a pupil off roll on that day.</summary>
    [Fact]
    public async Task Recording_ADateOutsideTheSupportedDates_IsRefusedForIt()
    {
        var result = await warehouse.Api.QueryAs(Security.PupilAccessMatrixTests.TokenFor("la-lead"), Record(Delta, "0001-01-01", A));
        var error = result["errors"]![0]!;
        Assert.Equal("BAD_INPUT", (string?)error["extensions"]!["code"]);
        Assert.Contains("outside the supported dates", (string?)error["message"]);
    }
}
