using AttendanceGraph.Api.Security;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;
using static AttendanceGraph.Tests.Fixtures.ResidentsElsewhere;

namespace AttendanceGraph.Tests.Api;

/// <summary>
/// The Virtual School Head's duty to previously looked-after children covers those educated in the LA's area, wherever they
/// live: over <see cref="ResidentsElsewhere"/> with two of them added, P5 (lives in Merton, on roll at Beta: 10 possible, 1
/// absent in the first half term) and R2 (lives in Sutton, at Merton's school: 10 possible, all present). The previously
/// looked-after virtual school is P5 alone, in its measures, its pupil list and what the virtual-school role may open;
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
                pupils(period: {{Autumn1}}) { totalCount nodes { upn measures { possibleSessions } } } } }
            """);
        Assert.True(result["errors"] is null, result.ToJsonString());
        var vs = result["data"]!["virtualSchool"]!;
        Assert.Equal((1, 10, 1), ((int)vs["measures"]!["enrolments"]!, (int)vs["measures"]!["possibleSessions"]!, (int)vs["measures"]!["overallAbsenceSessions"]!));
        Assert.Equal(10, vs["trend"]!.AsArray().Sum(p => (int)p!["measures"]!["possibleSessions"]!));
        var pupil = Assert.Single(vs["pupils"]!["nodes"]!.AsArray())!;
        Assert.Equal((P5, 10), ((string)pupil["upn"]!, (int)pupil["measures"]!["possibleSessions"]!));
    }

    [Fact]
    public async Task TheVirtualSchoolRole_OpensAPreviouslyLookedAfterChildOnlyWhileAtTheLasSchools()
    {
        using var api = new ApiFactory(warehouse.Paths.Root);
        var token = ApiFactory.Token(Roles.VirtualSchool);
        var atBeta = await api.QueryAs(token, $$"""{ pupil(upn: "{{P5}}") { marks(from: "2025-09-08", to: "2025-09-12") { totalCount } } }""");
        Assert.True(atBeta["errors"] is null, atBeta.ToJsonString());
        Assert.Equal(10, (int)atBeta["data"]!["pupil"]!["marks"]!["totalCount"]!);

        var elsewhere = await api.QueryAs(token, $$"""{ pupil(upn: "{{R2}}") { upn } }""");
        Assert.Equal("FORBIDDEN", (string?)elsewhere["errors"]![0]!["extensions"]!["code"]);
        // The la-lead still reads R2: the limit is the virtual school's, not the warehouse's.
        var asLead = await api.QueryAs(ApiFactory.LaLeadToken, $$"""{ pupil(upn: "{{R2}}") { upn } }""");
        Assert.True(asLead["errors"] is null, asLead.ToJsonString());
    }
}
