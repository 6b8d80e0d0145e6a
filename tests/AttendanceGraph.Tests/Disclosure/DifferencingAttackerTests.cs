using AttendanceGraph.Api.Security;
using AttendanceGraph.Tests.Api;
using AttendanceGraph.Tests.Fixtures;
using Xunit.Abstractions;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Disclosure;

/// <summary>
/// Issue 11's attacker over the hand-checked LA (every cell of it is small: the LA has 7 compulsory-age enrolments).
/// As bi-reader and as a school it asks every aggregate entry point and fails the build if any subtraction between
/// overlapping published cells pins a true count of 1–5, if two entry points publish the same cell differently, or if a
/// rate is not computed from the published counts. Run over la-lead's exact figures the same attacker recovers dozens of
/// small counts, so it is not toothless.
/// </summary>
[Collection(HandCheckedApiCollection.Name)]
public sealed class DifferencingAttackerTests(HandCheckedApi api, ITestOutputHelper output)
{
    [Theory]
    [InlineData(Roles.BiReader)]
    [InlineData(Roles.School)]
    public async Task Attacker_RecoversNoSmallCount_AndEveryEntryPointPublishesTheSameCellAlike(string role)
    {
        var own = role == Roles.School ? Alpha : (int?)null;
        var attacker = new DifferencingAttacker(api.Factory, ApiFactory.Token(role, own), own);
        await attacker.Harvest();
        var recovered = attacker.Attack();
        output.WriteLine($"{role}: {attacker.Requests} requests, {attacker.Published.Count} cells published, {recovered.Count} recovered");
        Assert.True(attacker.Published.Count > 500, $"only {attacker.Published.Count} cells harvested");
        // The LA's own cohort (young carers, in the hand-checked warehouse) is probed like the statutory ones, and its rest too.
        Assert.Contains(attacker.Published.Keys, c => c.Pop == "C:" + YoungCarers.Key);
        Assert.Contains(attacker.Published.Keys, c => c.Pop == "R:" + YoungCarers.Key);
        Assert.True(attacker.Inconsistencies.Count == 0, string.Join("\n", attacker.Inconsistencies.Take(20)));
        Assert.True(recovered.Count == 0, string.Join("\n", recovered.Take(20)));
    }

    [Fact]
    public async Task Attacker_OverExactFigures_RecoversSmallCounts()
    {
        var attacker = new DifferencingAttacker(api.Factory, ApiFactory.LaLeadToken, null, assumeExact: true);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await attacker.Harvest();
        output.WriteLine($"harvest {clock.Elapsed}");
        var recovered = attacker.Attack();
        output.WriteLine($"attack {clock.Elapsed}");
        output.WriteLine($"la-lead (exact): {attacker.Published.Count} cells, {recovered.Count} small counts recovered");
        Assert.True(attacker.Inconsistencies.Count == 0, string.Join("\n", attacker.Inconsistencies.Take(20)));
        Assert.True(recovered.Count > 50, $"the attacker recovered only {recovered.Count} counts from exact figures");
        // The live method's cells are harvested and attacked too (official − live = the short enrolments).
        Assert.Contains(recovered, r => r.Contains("|live", StringComparison.Ordinal));
        // …and so are the LA's own cohort's: over exact figures its small counts fall out like any other's.
        Assert.Contains(recovered, r => r.Contains(YoungCarers.Key, StringComparison.Ordinal));
    }

    /// <summary>The issue's own examples, kept verbatim.</summary>
    [Fact]
    public async Task IssueExamples_FilterForOneChild_AndRateBinarySearch_FindNothing()
    {
        const string query = """
            { one: schools(cohort: LOOKED_AFTER, period: { academicYear: "2025/26" }, where: { measure: ENROLMENTS, atLeast: 1, below: 2 }) { nodes { urn } }
              rated: schools(cohort: LOOKED_AFTER, period: { academicYear: "2025/26" }, where: { measure: ATTENDANCE_RATE, atLeast: 0 }) { nodes { urn } }
              byPa: schools(cohort: LOOKED_AFTER, period: { academicYear: "2025/26" }, orderBy: ENROLMENTS) { nodes { urn } } }
            """;
        var truth = (await api.Factory.QueryAs(ApiFactory.LaLeadToken, query))["data"]!;
        Assert.Equal([Gamma], truth["one"]!["nodes"]!.AsArray().Select(n => (int)n!["urn"]!)); // P6, in care from 8 Sep
        Assert.Equal([Gamma], truth["rated"]!["nodes"]!.AsArray().Select(n => (int)n!["urn"]!));
        var bi = (await api.Factory.QueryAs(ApiFactory.Token(Roles.BiReader), query))["data"]!;
        Assert.Empty(bi["one"]!["nodes"]!.AsArray());
        Assert.Empty(bi["rated"]!["nodes"]!.AsArray()); // one child's sessions are never published, so no rate to search
        Assert.Equal(3, bi["byPa"]!["nodes"]!.AsArray().Count);
    }

    [Fact]
    public async Task SchoolRole_IsExactForItsOwnSchoolOnly_NotForASingleSchoolPhase()
    {
        // Gamma is the only secondary school: the phase is Gamma, but to Alpha it is another school's figures.
        var query = $$"""
            { own: school(urn: {{Alpha}}) { measures(period: { academicYear: "2025/26" }) { enrolments possibleSessions persistentAbsenceEnrolments } }
              localAuthority { byPhase(period: { academicYear: "2025/26" }) { phase measures { enrolments possibleSessions persistentAbsenceEnrolments } } }
              trend(grain: WEEK, phase: SECONDARY, period: { academicYear: "2025/26" }) { measures { enrolments persistentAbsenceEnrolments } } }
            """;
        var school = (await api.Factory.QueryAs(ApiFactory.Token(Roles.School, Alpha), query))["data"]!;
        var bi = (await api.Factory.QueryAs(ApiFactory.Token(Roles.BiReader), $"{{ localAuthority {{ byPhase(period: {{ academicYear: \"2025/26\" }}) {{ phase measures {{ enrolments possibleSessions persistentAbsenceEnrolments }} }} }} trend(grain: WEEK, phase: SECONDARY, period: {{ academicYear: \"2025/26\" }}) {{ measures {{ enrolments persistentAbsenceEnrolments }} }} }}"))["data"]!;
        var truth = (await api.Factory.QueryAs(ApiFactory.LaLeadToken, query))["data"]!;
        Assert.Equal(truth["own"]!.ToJsonString(), school["own"]!.ToJsonString()); // 2 enrolments, 32 sessions: its own, exact
        Assert.Equal(2, (int)school["own"]!["measures"]!["enrolments"]!);
        Assert.Equal(bi["localAuthority"]!.ToJsonString(), school["localAuthority"]!.ToJsonString());
        Assert.Equal(bi["trend"]!.ToJsonString(), school["trend"]!.ToJsonString());
        Assert.NotEqual(truth["localAuthority"]!.ToJsonString(), school["localAuthority"]!.ToJsonString());
    }

    [Fact]
    public async Task LaLead_IsExact_AndMayAskForDisclosureControl()
    {
        const string query = """{ localAuthority { measures(period: { academicYear: "2025/26" }) { enrolments persistentAbsenceEnrolments possibleSessions suppressed } } }""";
        var open = (await api.Factory.QueryAs(ApiFactory.LaLeadToken, query))["data"]!["localAuthority"]!["measures"]!;
        Assert.Equal((7, 5, 90), ((int)open["enrolments"]!, (int)open["persistentAbsenceEnrolments"]!, (int)open["possibleSessions"]!));
        var controlled = (await api.Factory.QueryAs(ApiFactory.LaLeadToken, query,
            headers: new Dictionary<string, string> { [AccessContext.DisclosureHeader] = "true" }))["data"]!["localAuthority"]!["measures"]!;
        var bi = (await api.Factory.QueryAs(ApiFactory.Token(Roles.BiReader), query))["data"]!["localAuthority"]!["measures"]!;
        Assert.Equal(bi.ToJsonString(), controlled.ToJsonString()); // the cell publishes alike whoever asks under control
        Assert.DoesNotContain((long)controlled["persistentAbsenceEnrolments"]!, new long[] { 1, 2, 3, 4, 5 });
        Assert.Null(controlled["possibleSessions"]); // under 10 published enrolments
        Assert.True((bool)controlled["suppressed"]!);
    }
}
