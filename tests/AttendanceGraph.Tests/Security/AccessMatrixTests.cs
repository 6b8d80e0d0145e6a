using System.Net;
using System.Text.Json.Nodes;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Tests.Api;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Security;

/// <summary>Role × capability over the existing fields and the audit/mutation fields (hand-checked LA, own school = Alpha).</summary>
[Collection(HandCheckedApiCollection.Name)]
public sealed class AccessMatrixTests(HandCheckedApi api)
{
    public static TheoryData<string, string, string, bool> Matrix()
    {
        var data = new TheoryData<string, string, string, bool>();
        void Row(string capability, string query, string field, params (string Role, bool Allowed)[] roles)
        {
            foreach (var (role, allowed) in roles) data.Add(role, query, field, allowed);
            _ = capability;
        }
        Row("LA aggregates", "{ localAuthority { measures { overallAbsenceRate } } }", "localAuthority",
            (Roles.LaLead, true), (Roles.VirtualSchool, true), (Roles.School, true), (Roles.BiReader, true));
        Row("own school", $"{{ school(urn: {Alpha}) {{ name measures {{ possibleSessions }} }} }}", "school",
            (Roles.LaLead, true), (Roles.VirtualSchool, true), (Roles.School, true), (Roles.BiReader, true));
        Row("another school", $"{{ school(urn: {Beta}) {{ name }} }}", "school",
            (Roles.LaLead, true), (Roles.VirtualSchool, true), (Roles.School, false), (Roles.BiReader, true));
        Row("another school's trend", $"{{ trend(grain: WEEK, urn: {Gamma}) {{ measures {{ possibleSessions }} }} }}", "trend",
            (Roles.LaLead, true), (Roles.School, false));
        Row("another school's cohorts", $"{{ cohortComparison(urn: {Gamma}) {{ cohort }} }}", "cohortComparison",
            (Roles.LaLead, true), (Roles.School, false));
        Row("school contact", $"{{ school(urn: {Alpha}) {{ contact {{ lightTouch }} }} }}", "contact",
            (Roles.LaLead, true), (Roles.School, true), (Roles.BiReader, false));
        Row("access audit", "{ accessAudit(first: 5) { totalCount } }", "accessAudit",
            (Roles.LaLead, true), (Roles.VirtualSchool, false), (Roles.School, false), (Roles.BiReader, false));
        Row("set contact", $"mutation {{ setSchoolContact(urn: {Gamma}, name: \"A. Lead\", email: \"a.lead@example.org\") {{ name }} }}", "setSchoolContact",
            (Roles.LaLead, true), (Roles.School, false), (Roles.BiReader, false), (Roles.VirtualSchool, false));
        Row("light touch", $"mutation {{ setLightTouch(urn: {Alpha}, lightTouch: false) {{ lightTouch }} }}", "setLightTouch",
            (Roles.LaLead, true), (Roles.School, false));
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Role_GetsTheFieldOrForbidden(string role, string query, string field, bool allowed)
    {
        var result = await api.Factory.QueryAs(TokenFor(role), query);
        var errors = result["errors"]?.AsArray() ?? [];
        if (allowed)
        {
            Assert.True(errors.Count == 0, $"{role}: {errors.ToJsonString()}");
        }
        else
        {
            var error = Assert.Single(errors, e => (string?)e!["extensions"]?["code"] == ForbiddenError.ErrorCode)!;
            Assert.Contains(field, error["path"]!.AsArray().Select(p => p!.ToString()));
        }
    }

    [Fact]
    public async Task Forbidden_IsOnTheFieldWhileOtherFieldsAnswer()
    {
        var result = await api.Factory.QueryAs(TokenFor(Roles.School),
            $"{{ localAuthority {{ name }} own: school(urn: {Alpha}) {{ name }} other: school(urn: {Beta}) {{ name }} }}");
        Assert.Equal("Sutton", (string?)result["data"]!["localAuthority"]!["name"]);
        Assert.Equal("Alpha Primary School", (string?)result["data"]!["own"]!["name"]);
        Assert.Null(result["data"]!["other"]);
        var error = Assert.Single(result["errors"]!.AsArray())!;
        Assert.Equal("FORBIDDEN", (string?)error["extensions"]!["code"]);
        Assert.Equal("other", (string?)error["path"]![0]);
    }

    [Fact]
    public async Task SchoolRole_ListsOnlyItsOwnSchool_AndOwnRowsOfTheTable()
    {
        var data = (await api.Factory.QueryAs(TokenFor(Roles.School), """
            { schools { totalCount nodes { urn } } measureTable(groupBy: SCHOOL) { nodes { urn } } la: measureTable(groupBy: LOCAL_AUTHORITY) { totalCount } }
            """))["data"]!;
        Assert.Equal([Alpha], data["schools"]!["nodes"]!.AsArray().Select(n => (int)n!["urn"]!));
        Assert.Equal([Alpha], data["measureTable"]!["nodes"]!.AsArray().Select(n => (int)n!["urn"]!));
        Assert.Equal(1, (int)data["la"]!["totalCount"]!);
    }

    [Fact]
    public async Task SchoolRole_ReachesOtherSchoolsOnlyAsAnonymousPeerPositions()
    {
        var result = await api.Factory.QueryAs(TokenFor(Roles.School),
            $"{{ school(urn: {Alpha}) {{ benchmark {{ peers {{ measure rank peerCount quartile }} }} }} }}");
        Assert.Null(result["errors"]);
        var text = result.ToJsonString();
        Assert.DoesNotContain("Béta", text);
        Assert.DoesNotContain(Beta.ToString(), text);
    }

    [Fact]
    public async Task SchoolRole_CannotReachAnotherSchoolThroughNode()
    {
        var id = AttendanceGraph.Api.Schools.SchoolNodeId.For(Beta);
        var result = await api.Factory.QueryAs(TokenFor(Roles.School), $"{{ node(id: \"{id}\") {{ ... on School {{ name }} }} }}");
        Assert.Contains(result["errors"]!.AsArray(), e => (string?)e!["extensions"]!["code"] == "FORBIDDEN");
        Assert.DoesNotContain("Béta", result.ToJsonString());
    }

    [Theory]
    [InlineData("none")]
    [InlineData("expired")]
    [InlineData("wrong-key")]
    [InlineData("wrong-issuer")]
    public async Task NoValidToken_Is401WithHowToAuthenticate(string kind)
    {
        var token = kind switch
        {
            "none" => "",
            "expired" => ApiFactory.Token(Roles.LaLead, now: DateTime.UtcNow.AddHours(-3), lifetime: TimeSpan.FromHours(1)),
            "wrong-key" => ApiFactory.Token(Roles.LaLead, signingKey: "an-attacker-key-that-is-long-enough-0123456789"),
            _ => TokenIssuer.Create(new JwtSettings { Issuer = "someone-else", Audience = ApiFactory.Settings.Audience }, "x", Roles.LaLead,
                signingKey: ApiFactory.Settings.SigningKey),
        };
        using var client = api.Factory.CreateClient(token);
        using var response = await client.PostAsync("/graphql", JsonContent("{ localAuthority { name } }"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("UNAUTHENTICATED", (string?)body["errors"]![0]!["extensions"]!["code"]);
        Assert.Contains("Authorization: Bearer", (string?)body["errors"]![0]!["message"]);
        Assert.DoesNotContain("Sutton", body.ToJsonString());
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("teacher", null)]
    [InlineData(Roles.School, null)]
    public async Task TokenWithoutAUsableRole_Is403(string? role, int? urn)
    {
        using var client = api.Factory.CreateClient(ApiFactory.Token(role, urn));
        using var response = await client.PostAsync("/graphql", JsonContent("{ localAuthority { name } }"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("FORBIDDEN", (string?)body["errors"]![0]!["extensions"]!["code"]);
    }

    [Theory]
    [InlineData(Roles.LaLead, Roles.BiReader)]
    [InlineData(Roles.School, Roles.BiReader)]
    [InlineData(Roles.VirtualSchool, Roles.School)]
    public async Task TokenWithSeveralRoles_IsRefusedRatherThanGivenEither(string first, string second)
    {
        var token = TokenIssuer.CreateWithRoles(ApiFactory.Settings, "test-several", [first, second], urn: Alpha);
        using var client = api.Factory.CreateClient(token);
        using var response = await client.PostAsync("/graphql", JsonContent("{ localAuthority { name } }"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("FORBIDDEN", (string?)body["errors"]![0]!["extensions"]!["code"]);
        Assert.Contains("exactly one", (string?)body["errors"]![0]!["message"]);
        Assert.Null(body["data"]);
    }

    private static StringContent JsonContent(string query) =>
        new(new JsonObject { ["query"] = query }.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    private static string TokenFor(string role) => ApiFactory.Token(role, role == Roles.School ? Alpha : null);
}
