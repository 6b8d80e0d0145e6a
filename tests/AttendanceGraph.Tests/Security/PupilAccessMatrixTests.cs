using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Tests.Api;
using AttendanceGraph.Tests.Pupils;
using static AttendanceGraph.Tests.Pupils.PupilPatternsAuthority;

namespace AttendanceGraph.Tests.Security;

/// <summary>
/// Role × capability over every pupil-level field, on <see cref="PupilPatternsAuthority"/>: A is at Delta only and never in
/// care; L is looked after from 1 Sep 2025, at Delta to 30 Sep and at Epsilon from 1 Oct; R is a child in need from 1 Sep 2025.
/// </summary>
[Collection(PupilPatternsCollection.Name)]
public sealed class PupilAccessMatrixTests(PupilPatternsWarehouse warehouse)
{
    private const string Autumn1 = "{ academicYear: \"2025/26\", term: AUTUMN, halfTerm: 1 }";
    public const string LaLead = "la-lead", DeltaSchool = "school Delta", EpsilonSchool = "school Epsilon", Vs = "virtual-school", Bi = "bi-reader";

    public static string TokenFor(string who) => who switch
    {
        DeltaSchool => ApiFactory.Token(Roles.School, Delta),
        EpsilonSchool => ApiFactory.Token(Roles.School, Epsilon),
        _ => ApiFactory.Token(who),
    };

    private static string Record(int urn, string upn) => $$"""
        mutation { recordTargetingSupportMeeting(input: { urn: {{urn}}, date: "2025-05-01", attendees: ["Matrix test"],
          actions: [{ upn: "{{upn}}", agreedAction: "Matrix check", leadPractitioner: "EWO", supportLevel: UNIVERSAL }] }) { id } }
        """;

    public static TheoryData<string, string, string, bool> Matrix()
    {
        var data = new TheoryData<string, string, string, bool>();
        void Row(string query, string field, params (string Who, bool Allowed)[] roles)
        {
            foreach (var (who, allowed) in roles) data.Add(who, query, field, allowed);
        }
        var everyone = new[] { LaLead, DeltaSchool, EpsilonSchool, Vs, Bi };
        (string, bool)[] Only(params string[] allowed) => everyone.Select(w => (w, allowed.Contains(w))).ToArray();

        Row($"{{ tsmPack(urn: {Delta}, period: {Autumn1}) {{ atRisk pupils {{ nodes {{ upn lastAgreedAction {{ meetingDate }} }} }} }} }}", "tsmPack",
            Only(LaLead, DeltaSchool));
        Row($"{{ pupil(upn: \"{A}\") {{ upn dateOfBirth sex }} }}", "pupil", Only(LaLead, DeltaSchool));
        Row($"{{ pupil(upn: \"{L}\") {{ upn }} }}", "pupil", Only(LaLead, DeltaSchool, EpsilonSchool, Vs));
        Row($"{{ pupil(upn: \"{L}\") {{ enrolments {{ urn }} }} }}", "pupil", Only(LaLead, DeltaSchool, EpsilonSchool, Vs));
        Row($"{{ pupil(upn: \"{L}\") {{ cohortMemberships {{ cohort }} }} }}", "pupil", Only(LaLead, DeltaSchool, EpsilonSchool, Vs));
        // Autumn 1 weeks: L was on both schools' rolls and in care.
        Row($"{{ pupil(upn: \"{L}\") {{ weeklyAttendance(period: {Autumn1}) {{ weekStart }} }} }}", "pupil.weeklyAttendance",
            Only(LaLead, DeltaSchool, EpsilonSchool, Vs));
        // June 2025: L was at Delta and not yet in care.
        Row($"{{ pupil(upn: \"{L}\") {{ marks(from: \"2025-06-02\", to: \"2025-06-06\") {{ totalCount }} }} }}", "pupil.marks",
            Only(LaLead, DeltaSchool));
        // Tue 30 Sep 2025: Delta's leaving day, the day before L joined Epsilon.
        Row($"{{ pupil(upn: \"{L}\") {{ marks(from: \"2025-09-30\", to: \"2025-09-30\") {{ totalCount }} }} }}", "pupil.marks",
            Only(LaLead, DeltaSchool, Vs));
        // Wed 1 Oct 2025: Epsilon's joining day, the day after L left Delta.
        Row($"{{ pupil(upn: \"{L}\") {{ marks(from: \"2025-10-01\", to: \"2025-10-01\") {{ totalCount }} }} }}", "pupil.marks",
            Only(LaLead, EpsilonSchool, Vs));
        // November 2025: at Epsilon and in care, no longer on Delta's roll.
        Row($"{{ pupil(upn: \"{L}\") {{ marks(from: \"2025-11-03\", to: \"2025-11-07\") {{ totalCount }} }} }}", "pupil.marks",
            Only(LaLead, EpsilonSchool, Vs));
        Row($"{{ virtualSchool {{ pupils(period: {Autumn1}) {{ totalCount nodes {{ upn }} }} }} }}", "virtualSchool.pupils", Only(LaLead, Vs));
        Row($"{{ virtualSchool(cohort: SOCIAL_WORKER) {{ pupils(period: {Autumn1}) {{ totalCount }} }} }}", "virtualSchool.pupils", Only(LaLead, Vs));
        Row($"{{ virtualSchool {{ measures(period: {Autumn1}) {{ enrolments }} }} }}", "virtualSchool", Only(everyone));
        Row(Record(Delta, A), "recordTargetingSupportMeeting", Only(LaLead, DeltaSchool));
        Row("{ accessAudit(first: 1) { totalCount } }", "accessAudit", Only(LaLead));
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Role_GetsThePupilFieldOrForbidden(string who, string query, string field, bool allowed)
    {
        PupilAccessAssert.GotTheFieldOrForbidden(await warehouse.Api.QueryAs(TokenFor(who), query), who, field, allowed);
    }

    [Fact]
    public async Task FormerSchool_SeesAMoversCohortsOnlyWhileOnItsRoll_AndNotTheNextSchool()
    {
        var result = await warehouse.Api.QueryAs(TokenFor(DeltaSchool),
            $$"""{ pupil(upn: "{{L}}") { visibleWindows { from to } enrolments { urn leavingDate } cohortMemberships { cohort startDate endDate } } }""");
        // Looked after from 1 Sep (open), cut at the leaving day 30 Sep; the EHC plan from 1 Oct began after L left.
        Assert.Equal($$$"""
            {"pupil":{"visibleWindows":[{"from":"2020-09-01","to":"2025-09-30"}],"enrolments":[{"urn":{{{Delta}}},"leavingDate":"2025-09-30"}],"cohortMemberships":[{"cohort":"LOOKED_AFTER","startDate":"2025-09-01","endDate":"2025-09-30"}]}}
            """.Trim(), result["data"]!.ToJsonString());
    }

    [Fact]
    public async Task LaLead_RecordingForAPupilNotOnTheSchoolsRoll_IsBadInput()
    {
        var result = await warehouse.Api.QueryAs(TokenFor(LaLead), Record(Epsilon, A));
        Assert.Equal("BAD_INPUT", (string?)result["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task BiReader_IsForbiddenPupilFields_WhileAggregatesStillAnswer()
    {
        var result = await warehouse.Api.QueryAs(TokenFor(Bi), $$"""
            { localAuthority { name measures(period: {{Autumn1}}) { possibleSessions } }
              tsmPack(urn: {{Delta}}, period: {{Autumn1}}) { atRisk }
              pupil(upn: "{{L}}") { upn }
              virtualSchool { measures(period: {{Autumn1}}) { possibleSessions } pupils(period: {{Autumn1}}) { totalCount } } }
            """);
        Assert.Equal("Sutton", (string?)result["data"]!["localAuthority"]!["name"]);
        Assert.NotNull(result["data"]!["virtualSchool"]!["measures"]);
        Assert.Null(result["data"]!["tsmPack"]);
        Assert.Null(result["data"]!["pupil"]);
        var errors = result["errors"]!.AsArray();
        Assert.All(errors, e => Assert.Equal("FORBIDDEN", (string?)e!["extensions"]!["code"]));
        Assert.Equal(["pupil", "tsmPack", "virtualSchool.pupils"],
            errors.Select(e => string.Join('.', e!["path"]!.AsArray().Select(p => p!.ToString()))).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(L, result.ToJsonString());
    }

    [Fact]
    public async Task SchoolToken_AskingForAnotherSchoolsPack_IsForbiddenAndNamesNoPupil()
    {
        var result = await warehouse.Api.QueryAs(TokenFor(EpsilonSchool),
            $"{{ own: tsmPack(urn: {Epsilon}, period: {Autumn1}) {{ pupilsMeasured }} other: tsmPack(urn: {Delta}, period: {Autumn1}) {{ pupils {{ nodes {{ upn }} }} }} }}");
        Assert.Equal(1, (int)result["data"]!["own"]!["pupilsMeasured"]!); // L, from 1 Oct
        Assert.Null(result["data"]!["other"]);
        var error = Assert.Single(result["errors"]!.AsArray())!;
        Assert.Equal(("FORBIDDEN", "other"), ((string?)error["extensions"]!["code"], (string?)error["path"]![0]));
        Assert.DoesNotContain(A, result.ToJsonString());
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("wrong-key")]
    [InlineData("no-role")]
    public async Task PupilFields_WithoutAValidToken_AreRefusedBeforeAnyRead(string kind)
    {
        var token = kind switch
        {
            "expired" => ApiFactory.Token(Roles.LaLead, now: DateTime.UtcNow.AddHours(-3), lifetime: TimeSpan.FromHours(1)),
            "wrong-key" => ApiFactory.Token(Roles.LaLead, signingKey: "an-attacker-key-that-is-long-enough-0123456789"),
            _ => ApiFactory.Token(null),
        };
        using var client = warehouse.Api.CreateClient(token);
        using var response = await client.PostAsJsonAsync("/graphql", new { query = $"{{ pupil(upn: \"{L}\") {{ upn }} }}" });
        Assert.Equal(kind == "no-role" ? HttpStatusCode.Forbidden : HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(kind == "no-role" ? "FORBIDDEN" : "UNAUTHENTICATED", (string?)JsonNode.Parse(body)!["errors"]![0]!["extensions"]!["code"]);
        Assert.DoesNotContain(L, body);
    }
}
