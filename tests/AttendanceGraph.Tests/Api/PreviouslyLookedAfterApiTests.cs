using AttendanceGraph.Api.Security;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;
using static AttendanceGraph.Tests.Fixtures.ResidentsElsewhere;

namespace AttendanceGraph.Tests.Api;

/// <summary>
/// The Virtual School Head's duty to previously looked-after children covers those educated in the LA's area, wherever they
/// live: over <see cref="ResidentsElsewhere"/> with two of them added, P5 (lives in Merton, on roll at Beta: 10 possible, 1
/// absent in the first half term; dual registered at Merton's school from 8 September) and R2 (lives in Sutton, at Merton's
/// school: 10 possible, all present). The previously looked-after virtual school is P5 at Beta alone, in its measures, cohort
/// breakdown, pupil list and what the virtual-school role may open;
/// the looked-after virtual school still counts R1 at Morden Brook (<see cref="ResidencyApiTests"/>).
/// </summary>
public sealed class PreviouslyLookedAfterApiTests : IDisposable
{
    private const string Autumn1 = "{ academicYear: \"2025/26\", term: AUTUMN, halfTerm: 1 }";
    private readonly EtlWarehouse warehouse = new();

    public PreviouslyLookedAfterApiTests()
    {
        var dir = ResidentsElsewhere.Write(warehouse);
        File.AppendAllText(Path.Combine(dir, "social_care.csv"), $"{P5},PREVIOUSLY_LOOKED_AFTER,2024-01-15,\n{R2},PREVIOUSLY_LOOKED_AFTER,2024-01-15,\n");
        // P5 is also registered at Merton's school from 8 September (dual registration, as for alternative provision), with
        // Merton's registers loaded: all 10 sessions there are unauthorised absences.
        File.AppendAllText(Path.Combine(dir, "pupils.csv"), $"{P5},{Merton},2025-09-08,,2018-07-01,F,3,WBRI,N,,315\n");
        File.AppendAllText(Path.Combine(dir, "marks.csv"), string.Concat(Days[3..].Select(d => $"{P5},{Merton},{d:yyyy-MM-dd},AM,O\n{P5},{Merton},{d:yyyy-MM-dd},PM,O\n")));
        warehouse.Load(dir);
    }

    public void Dispose() => warehouse.Dispose();

    [Theory]
    [InlineData(Roles.VirtualSchool)]
    [InlineData(Roles.LaLead)]
    public async Task ThePreviouslyLookedAfterVirtualSchool_CountsOnlyChildrenAtTheLasSchools(string role)
    {
        using var api = new ApiFactory(warehouse.Paths.Root);
        var result = await api.QueryAs(ApiFactory.Token(role), $$"""
            { virtualSchool(cohort: PREVIOUSLY_LOOKED_AFTER) {
                measures(period: {{Autumn1}}) { enrolments possibleSessions overallAbsenceSessions }
                trend(grain: WEEK, period: {{Autumn1}}) { measures { possibleSessions } }
                cohortBreakdown(period: {{Autumn1}}) { cohort measures { enrolments } rest { enrolments possibleSessions } }
                pupils(period: {{Autumn1}}) { totalCount nodes { upn measures { possibleSessions } currentPlacement { urn } } } } }
            """);
        Assert.True(result["errors"] is null, result.ToJsonString());
        var vs = result["data"]!["virtualSchool"]!;
        Assert.Equal((1, 10, 1), ((int)vs["measures"]!["enrolments"]!, (int)vs["measures"]!["possibleSessions"]!, (int)vs["measures"]!["overallAbsenceSessions"]!));
        Assert.Equal(10, vs["trend"]!.AsArray().Sum(p => (int)p!["measures"]!["possibleSessions"]!));
        var pupil = Assert.Single(vs["pupils"]!["nodes"]!.AsArray())!;
        Assert.Equal((P5, 10), ((string)pupil["upn"]!, (int)pupil["measures"]!["possibleSessions"]!));
        // The breakdown's rest beside any cohort P5 is not in is P5 at Beta alone, without its Merton sessions or R2.
        Assert.All(vs["cohortBreakdown"]!.AsArray(), row => Assert.Equal((1, 10), ((int)row!["rest"]!["enrolments"]!, (int)row["rest"]!["possibleSessions"]!)));
    }

    [Fact]
    public async Task TheVirtualSchoolRolesExactFigures_NeverReachPreviouslyLookedAfterChildrenAtOtherLasSchools()
    {
        // R2 alone, at Merton's school, and P5's Merton registration: what the role's pupil-level view hides, as a sum.
        using var api = new ApiFactory(warehouse.Paths.Root);
        string Query(string cohort, string population) =>
            $$"""{ localAuthority { measures(period: {{Autumn1}}, cohort: {{cohort}}, population: {{population}}) { enrolments } } }""";
        foreach (var population in new[] { "RESIDENT_ELSEWHERE", "RESIDENT", "AT_LA_SCHOOLS_OR_RESIDENT" })
        {
            var refused = await api.QueryAs(ApiFactory.Token(Roles.VirtualSchool), Query("PREVIOUSLY_LOOKED_AFTER", population));
            Assert.Equal(AttendanceGraph.Api.Disclosure.PopulationTooDetailedError.ErrorCode, (string?)refused["errors"]?[0]?["extensions"]?["code"]);
        }
        var atLaSchools = await api.QueryAs(ApiFactory.Token(Roles.VirtualSchool), Query("PREVIOUSLY_LOOKED_AFTER", "AT_LA_SCHOOLS"));
        Assert.Equal(1, (int)atLaSchools["data"]!["localAuthority"]!["measures"]!["enrolments"]!); // P5 at Beta
        var lookedAfter = await api.QueryAs(ApiFactory.Token(Roles.VirtualSchool), Query("LOOKED_AFTER", "RESIDENT_ELSEWHERE"));
        Assert.Equal(1, (int)lookedAfter["data"]!["localAuthority"]!["measures"]!["enrolments"]!); // R1 at Morden Brook: the VSH's
        // Within another virtual school, previously looked-after children are that school's wherever they are educated (the
        // first week: registers only, as a cohort within a cohort needs).
        var withinSocialWorker = await api.QueryAs(ApiFactory.Token(Roles.VirtualSchool),
            """{ virtualSchool(cohort: SOCIAL_WORKER) { cohortBreakdown(period: { weekStarting: "2025-09-01" }) { key measures { enrolments } } } }""");
        Assert.True(withinSocialWorker["errors"] is null, withinSocialWorker.ToJsonString());
        var lead = await api.QueryAs(ApiFactory.LaLeadToken, Query("PREVIOUSLY_LOOKED_AFTER", "RESIDENT_ELSEWHERE"));
        Assert.Equal(1, (int)lead["data"]!["localAuthority"]!["measures"]!["enrolments"]!); // R2: the la-lead sees every school
    }

    [Fact]
    public async Task TheVirtualSchoolRole_OpensAPreviouslyLookedAfterChildOnlyWhileAtTheLasSchools()
    {
        using var api = new ApiFactory(warehouse.Paths.Root);
        var token = ApiFactory.Token(Roles.VirtualSchool);
        var atBeta = await api.QueryAs(token, $$"""{ pupil(upn: "{{P5}}") { marks(from: "2025-09-08", to: "2025-09-12") { totalCount } } }""");
        Assert.True(atBeta["errors"] is null, atBeta.ToJsonString());
        Assert.Equal(10, (int)atBeta["data"]!["pupil"]!["marks"]!["totalCount"]!);

        // Inside P5's window its Merton registration is not the Virtual School's: neither its marks, its enrolment nor its weeks.
        var record = await api.QueryAs(token, $$"""
            { pupil(upn: "{{P5}}") { enrolments { urn } marks(from: "2025-09-08", to: "2025-09-12") { nodes { urn } }
                weeklyAttendance(period: {{Autumn1}}) { urn measures { possibleSessions } } } }
            """);
        Assert.True(record["errors"] is null, record.ToJsonString());
        var pupil = record["data"]!["pupil"]!;
        Assert.Equal([Beta], pupil["enrolments"]!.AsArray().Select(e => (int)e!["urn"]!));
        Assert.All(pupil["marks"]!["nodes"]!.AsArray(), m => Assert.Equal(Beta, (int)m!["urn"]!));
        Assert.All(pupil["weeklyAttendance"]!.AsArray(), w => Assert.Equal(Beta, (int)w!["urn"]!));
        Assert.Equal(10, pupil["weeklyAttendance"]!.AsArray().Sum(w => (int)w!["measures"]!["possibleSessions"]!));
        var asLeadToo = await api.QueryAs(ApiFactory.LaLeadToken, $$"""{ pupil(upn: "{{P5}}") { marks(from: "2025-09-08", to: "2025-09-12") { totalCount } } }""");
        Assert.Equal(20, (int)asLeadToo["data"]!["pupil"]!["marks"]!["totalCount"]!); // the la-lead sees both registrations

        var elsewhere = await api.QueryAs(token, $$"""{ pupil(upn: "{{R2}}") { upn } }""");
        Assert.Equal("FORBIDDEN", (string?)elsewhere["errors"]![0]!["extensions"]!["code"]);
        // The la-lead still reads R2: the limit is the virtual school's, not the warehouse's.
        var asLead = await api.QueryAs(ApiFactory.LaLeadToken, $$"""{ pupil(upn: "{{R2}}") { upn } }""");
        Assert.True(asLead["errors"] is null, asLead.ToJsonString());
    }
}
