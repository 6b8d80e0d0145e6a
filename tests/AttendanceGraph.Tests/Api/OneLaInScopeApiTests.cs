using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Tests.Etl;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Api;

/// <summary>
/// Through GraphQL, a warehouse loaded with --la 319 from a GIAS extract listing Merton's school (LA 315), with a Merton
/// pupil's marks there (<see cref="OneLaInScopeTests"/>): Merton's school is stored but is not one of the LA's schools,
/// and its sessions are in no LA, phase or school-list figure (the hand-checked 7 enrolments, 90 possible; primary: Alpha 2 + Beta 3 enrolments, 62 possible).
/// </summary>
public sealed class OneLaInScopeApiTests : IDisposable
{
    private const string Autumn1 = "{ academicYear: \"2025/26\", term: AUTUMN, halfTerm: 1 }";
    private readonly EtlWarehouse warehouse = new();

    public OneLaInScopeApiTests() => warehouse.Load(new LoadOptions(LaCode: 319), OneLaInScopeTests.WithMertonPupil(warehouse));

    public void Dispose() => warehouse.Dispose();

    [Fact]
    public async Task TheOtherLasSchool_IsNotAmongTheSchools_NorInTheLaOrPhaseFigures()
    {
        using var api = new ApiFactory(warehouse.Paths.Root);
        var data = await api.Data($$"""
            { localAuthority { code name schools
                measures(period: {{Autumn1}}) { enrolments possibleSessions }
                byPhase(period: {{Autumn1}}) { phase measures { enrolments possibleSessions } } }
              schools(first: 10, period: {{Autumn1}}) { totalCount nodes { urn measures(period: {{Autumn1}}) { possibleSessions } } }
              merton: school(urn: {{Merton}}) { urn } }
            """);
        var la = data["localAuthority"]!;
        Assert.Equal((319, "Sutton", 3), ((int)la["code"]!, (string?)la["name"], (int)la["schools"]!));
        Assert.Equal((7, 90), ((int)la["measures"]!["enrolments"]!, (int)la["measures"]!["possibleSessions"]!));
        var primary = la["byPhase"]!.AsArray().Single(p => (string?)p!["phase"] == "PRIMARY")!["measures"]!;
        Assert.Equal((5, 62), ((int)primary["enrolments"]!, (int)primary["possibleSessions"]!));
        Assert.Equal(3, (int)data["schools"]!["totalCount"]!);
        Assert.Equal([Alpha, Beta, Gamma], data["schools"]!["nodes"]!.AsArray().Select(n => (int)n!["urn"]!).Order());
        Assert.Equal(90, data["schools"]!["nodes"]!.AsArray().Sum(n => (int)n!["measures"]!["possibleSessions"]!));
        Assert.Null(data["merton"]);
    }
}
