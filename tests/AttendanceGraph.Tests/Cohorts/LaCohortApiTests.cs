using System.Text.Json.Nodes;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Tests.Api;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Cohorts;

/// <summary>
/// An LA cohort reaches the API with no code change: listed by <c>cohorts</c>, measured by <c>cohortKey</c> everywhere a
/// measure takes a cohort, in every cohort comparison, and under disclosure control through the protected source; the
/// published SDL is the same before and after the load that declares it. Figures: <see cref="YoungCarers"/>.
/// </summary>
public sealed class LaCohortApiTests
{
    private const string Year = "{ academicYear: \"2025/26\" }";

    private static string Errors(JsonObject result) => result["errors"]?.ToJsonString() ?? "";

    [Fact]
    public async Task ACohortLoadedAfterTheApiStarted_IsListedAndMeasured_AndTheSdlIsUnchanged()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        using var api = new ApiFactory(w.Paths.Root);
        using var client = api.CreateClient(ApiFactory.LaLeadToken);
        var sdlBefore = await client.GetStringAsync("/graphql/sdl");
        var unknown = await api.Query($"{{ localAuthority {{ measures(period: {Year}, cohortKey: \"YOUNG_CARERS\") {{ enrolments }} }} }}");
        Assert.Contains("UNKNOWN_COHORT", Errors(unknown));

        w.Load(YoungCarers.Write(w.NewFolder("cohorts")));

        Assert.Equal(sdlBefore, await client.GetStringAsync("/graphql/sdl"));
        var data = await api.Data($$"""
            {
              cohorts { key cohort name description statutory membershipCohorts }
              localAuthority {
                measures(period: {{Year}}, cohortKey: "young_carers") { enrolments possibleSessions attendanceSessions overallAbsenceSessions persistentAbsenceEnrolments severeAbsenceEnrolments }
                cohortGaps(period: {{Year}}) { key cohort label measures { enrolments } }
              }
              gamma: cohortComparison(cohortKey: "YOUNG_CARERS", urn: {{Gamma}}, period: {{Year}}) {
                key measures { enrolments possibleSessions } rest { enrolments possibleSessions overallAbsenceSessions persistentAbsenceEnrolments }
              }
              trend(grain: WEEK, period: {{Year}}, cohortKey: "YOUNG_CARERS") { period { start } measures { enrolments possibleSessions } }
              measureTable(groupBy: SCHOOL, period: {{Year}}, cohortKey: "YOUNG_CARERS") { nodes { urn cohort enrolments possibleSessions } }
            }
            """);

        var young = data["cohorts"]!.AsArray().Single(c => (string)c!["key"]! == YoungCarers.Key)!;
        Assert.Equal((null, YoungCarers.Name, YoungCarers.Description, false, YoungCarers.Key),
            ((string?)young["cohort"], (string)young["name"]!, (string)young["description"]!, (bool)young["statutory"]!, (string)young["membershipCohorts"]![0]!));
        Assert.Equal("LOOKED_AFTER", (string)data["cohorts"]!.AsArray().Single(c => (string)c!["key"]! == "LOOKED_AFTER")!["cohort"]!);

        var la = data["localAuthority"]!["measures"]!;
        Assert.Equal((2, 22, 17, 5, 1, 1), ((int)la["enrolments"]!, (int)la["possibleSessions"]!, (int)la["attendanceSessions"]!,
            (int)la["overallAbsenceSessions"]!, (int)la["persistentAbsenceEnrolments"]!, (int)la["severeAbsenceEnrolments"]!));
        var gap = data["localAuthority"]!["cohortGaps"]!.AsArray().Single(g => (string)g!["key"]! == YoungCarers.Key)!;
        Assert.Equal((null, YoungCarers.Name, 2), ((string?)gap["cohort"], (string)gap["label"]!, (int)gap["measures"]!["enrolments"]!));

        var gamma = Assert.Single(data["gamma"]!.AsArray())!;
        Assert.Equal((1, 12), ((int)gamma["measures"]!["enrolments"]!, (int)gamma["measures"]!["possibleSessions"]!));
        Assert.Equal((2, 16, 4, 1), ((int)gamma["rest"]!["enrolments"]!, (int)gamma["rest"]!["possibleSessions"]!,
            (int)gamma["rest"]!["overallAbsenceSessions"]!, (int)gamma["rest"]!["persistentAbsenceEnrolments"]!));

        // Week of 1 Sep: P7's 3–5 Sep (6 sessions); week of 8 Sep: P4's 10 and P7's 8–10 Sep (6).
        Assert.Equal([(2025, 9, 1, 1, 6), (2025, 9, 8, 2, 16)], data["trend"]!.AsArray()
            .Select(p => DateOnly.Parse((string)p!["period"]!["start"]!) is var d
                ? (d.Year, d.Month, d.Day, (int)p["measures"]!["enrolments"]!, (int)p["measures"]!["possibleSessions"]!) : default)
            .Where(p => p.Item4 > 0));
        Assert.Equal([(Beta, YoungCarers.Key, 1, 10), (Gamma, YoungCarers.Key, 1, 12)], data["measureTable"]!["nodes"]!.AsArray()
            .Select(n => ((int)n!["urn"]!, (string)n["cohort"]!, (int)n["enrolments"]!, (int)n["possibleSessions"]!)).OrderBy(n => n.Item1));
    }

    [Fact]
    public async Task UnknownKeys_AndTwoCohortsAtOnce_AreRefused_AndBiReaderGetsTheProtectedCell()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked, YoungCarers.Write(w.NewFolder("cohorts")));
        using var api = new ApiFactory(w.Paths.Root);

        // A key that exists nowhere and an injection attempt get the same kind of answer, and no SQL error.
        foreach (var key in new[] { "YOUTH_JUSTICE", "x' OR 1=1 --" })
        {
            var result = await api.Query($"{{ localAuthority {{ measures(period: {Year}, cohortKey: \"{key}\") {{ enrolments }} }} }}");
            Assert.Contains("UNKNOWN_COHORT", Errors(result));
            Assert.Contains("the cohorts query lists those that can", Errors(result));
        }
        var both = await api.Query($"{{ localAuthority {{ measures(period: {Year}, cohort: FSM, cohortKey: \"YOUNG_CARERS\") {{ enrolments }} }} }}");
        Assert.Contains("BAD_COHORT", Errors(both));
        // A statutory cohort by key is the same cell as by the enum.
        var fsm = await api.Data($"{{ localAuthority {{ a: measures(period: {Year}, cohort: FSM) {{ enrolments possibleSessions }} b: measures(period: {Year}, cohortKey: \"FSM\") {{ enrolments possibleSessions }} }} }}");
        Assert.Equal(fsm["localAuthority"]!["a"]!.ToJsonString(), fsm["localAuthority"]!["b"]!.ToJsonString());

        // bi-reader: the cohort's 2 enrolments are a count of 1–5, never published; its session counts are withheld.
        var bi = await api.QueryAs(ApiFactory.Token(Roles.BiReader),
            $"{{ localAuthority {{ measures(period: {Year}, cohortKey: \"YOUNG_CARERS\") {{ enrolments possibleSessions suppressed }} }} }}");
        Assert.Equal("", Errors(bi));
        var m = bi["data"]!["localAuthority"]!["measures"]!;
        Assert.Contains((int)m["enrolments"]!, new[] { 0, 6 });
        Assert.Null(m["possibleSessions"]);
        Assert.True((bool)m["suppressed"]!);
    }
}
