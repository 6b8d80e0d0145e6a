using System.Text.Json.Nodes;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Tests.Api;

namespace AttendanceGraph.Tests.Disclosure;

/// <summary>
/// The subtraction attack on the hand-checked LA as bi-reader: a published total less its published parts must never
/// give a withheld part (LA vs phases, LA vs measureTable school rows, cohort vs rest). As la-lead the same numbers are
/// all published, which proves the attack targets real, recoverable cells.
/// </summary>
[Collection(HandCheckedApiCollection.Name)]
public sealed class SubtractionAttackApiTests(HandCheckedApi api)
{
    private const string Period = "period: { academicYear: \"2025/26\", term: AUTUMN, halfTerm: 1 }";
    private static readonly string[] Counts = ["enrolments", "possibleSessions", "overallAbsenceSessions", "persistentAbsenceEnrolments"];

    private static readonly string Query = $$"""
        { localAuthority { measures({{Period}}) { {{string.Join(' ', Counts)}} suppressed }
            byPhase({{Period}}) { phase measures { {{string.Join(' ', Counts)}} } }
            cohortGaps({{Period}}) { cohort measures { {{string.Join(' ', Counts)}} } rest { {{string.Join(' ', Counts)}} } } }
          measureTable(groupBy: SCHOOL, {{Period}}) { nodes { urn {{string.Join(' ', Counts)}} suppressed } } }
        """;

    [Fact]
    public async Task BiReader_CannotRecoverAWithheldCellBySubtraction()
    {
        var data = (await api.Factory.QueryAs(ApiFactory.Token(Roles.BiReader), Query))["data"]!;
        var la = data["localAuthority"]!;
        Assert.True((bool)la["measures"]!["suppressed"]!); // 5 of 7 enrolments PA: the PA count is withheld
        foreach (var field in Counts)
        {
            var total = la["measures"]![field];
            Assert.Null(Recover(total, la["byPhase"]!.AsArray().Select(p => p!["measures"]![field])));
            Assert.Null(Recover(total, data["measureTable"]!["nodes"]!.AsArray().Select(r => r![field])));
            foreach (var gap in la["cohortGaps"]!.AsArray())
                Assert.Null(Recover(total, [gap!["measures"]![field], gap["rest"]![field]]));
        }
        // Something was withheld, or the test would prove nothing: every school has five or fewer enrolments.
        Assert.All(data["measureTable"]!["nodes"]!.AsArray(), r => Assert.Null(r!["enrolments"]));
    }

    [Fact]
    public async Task LaLead_SeesEveryCell_AndDisclosureCanBeRequested()
    {
        var open = (await api.Factory.QueryAs(ApiFactory.LaLeadToken, Query))["data"]!;
        Assert.Equal(7, (int)open["localAuthority"]!["measures"]!["enrolments"]!);
        Assert.All(open["measureTable"]!["nodes"]!.AsArray(), r => Assert.NotNull(r!["enrolments"]));
        var requested = (await api.Factory.QueryAs(ApiFactory.LaLeadToken, Query,
            headers: new Dictionary<string, string> { [AccessContext.DisclosureHeader] = "true" }))["data"]!;
        Assert.All(requested["measureTable"]!["nodes"]!.AsArray(), r => Assert.True((bool)r!["suppressed"]!));
    }

    /// <summary>Total less the published parts, when exactly one part is withheld (null when the attack cannot work).</summary>
    private static long? Recover(JsonNode? total, IEnumerable<JsonNode?> parts)
    {
        if (total is null) return null;
        var list = parts.ToList();
        if (list.Count(p => p is null) != 1) return null;
        return (long)total - list.Where(p => p is not null).Sum(p => (long)p!);
    }
}
