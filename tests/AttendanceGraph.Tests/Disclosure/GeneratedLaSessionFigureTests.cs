using System.Text.Json.Nodes;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Schema.Disclosure;
using AttendanceGraph.Tests.Api;
using Xunit.Abstractions;

namespace AttendanceGraph.Tests.Disclosure;

/// <summary>
/// The hand-checked LA is too small for any cell to publish session rates (every cell is under 10 enrolments), so the
/// session-figure rules are proved here over a generated LA of 24 schools: as bi-reader, over the LA, its phases and its
/// schools, for everyone and for cohorts, no session count is published, every published session rate is the true rate
/// rounded to one decimal place (null below 10 published enrolments), and the identity solver pins no enrolment count.
/// </summary>
public sealed class GeneratedLaSessionFigureTests(BatchingTests.GeneratedLa la, ITestOutputHelper output) : IClassFixture<BatchingTests.GeneratedLa>
{
    private const string Figures = "enrolments possibleSessions attendanceSessions overallAbsenceSessions authorisedAbsenceSessions unauthorisedAbsenceSessions attendanceRate overallAbsenceRate";

    private static string Document(string cohort, string period) => $$"""
        { localAuthority { measures(period: {{period}}, cohort: {{cohort}}) { {{Figures}} }
            byPhase(period: {{period}}, cohort: {{cohort}}) { phase measures { {{Figures}} } } }
          schools(first: 30, period: {{period}}, cohort: {{cohort}}) { nodes { urn measures(period: {{period}}, cohort: {{cohort}}) { {{Figures}} } } } }
        """;

    [Fact]
    public async Task BiReader_GetsNoSessionCount_AndSessionRatesToOneDecimalPlace_SoNoEnrolmentCountIsPinned()
    {
        using var factory = new ApiFactory(la.Paths.Root);
        var bi = ApiFactory.Token(Roles.BiReader);
        var (cells, withRates) = (0, 0);
        foreach (var cohort in new[] { "ALL_PUPILS", "FSM", "SEND", "LOOKED_AFTER" })
            foreach (var period in new[] { "{ academicYear: \"2025/26\" }", "{ academicYear: \"2025/26\", term: SPRING }", "{ weekStarting: \"2026-01-12\" }" })
            {
                var query = Document(cohort, period);
                var truth = Cells((await factory.QueryAs(ApiFactory.LaLeadToken, query))["data"]!);
                var published = Cells((await factory.QueryAs(bi, query))["data"]!);
                foreach (var (key, p) in published)
                {
                    cells++;
                    var t = truth[key];
                    foreach (var session in new[] { "possibleSessions", "attendanceSessions", "overallAbsenceSessions", "authorisedAbsenceSessions", "unauthorisedAbsenceSessions" })
                        Assert.True(p[session] is null, $"{key} {cohort} {period}: {session} published");
                    var enrolments = (long)p["enrolments"]!;
                    if (enrolments < CellKeyPerturbation.SessionThreshold)
                        Assert.Null(p["attendanceRate"]);
                    else
                    {
                        withRates++;
                        Assert.Equal(OneDecimal((long)t["attendanceSessions"]!, (long)t["possibleSessions"]!), (double?)p["attendanceRate"]);
                        Assert.Equal(OneDecimal((long)t["overallAbsenceSessions"]!, (long)t["possibleSessions"]!), (double?)p["overallAbsenceRate"]);
                    }
                    var candidates = SessionIdentitySolver.Candidates(new(enrolments, null, null, null, null, null));
                    Assert.True(enrolments == 0 || candidates.Count >= 4, $"{key}: enrolments narrowed to {string.Join(",", candidates)}");
                }
            }
        output.WriteLine($"{cells} cells published to bi-reader, {withRates} with session rates");
        Assert.True(withRates > 100, $"only {withRates} cells published session rates: the test would prove nothing");
    }

    private static double OneDecimal(long sessions, long possible) =>
        (double)(Math.Round((decimal)sessions * CellKeyPerturbation.RateBasis / possible, MidpointRounding.AwayFromZero) / 10);

    private static Dictionary<string, JsonObject> Cells(JsonNode data)
    {
        var cells = new Dictionary<string, JsonObject> { ["LA"] = data["localAuthority"]!["measures"]!.AsObject() };
        foreach (var phase in data["localAuthority"]!["byPhase"]!.AsArray())
            cells["P:" + (string)phase!["phase"]!] = phase["measures"]!.AsObject();
        foreach (var school in data["schools"]!["nodes"]!.AsArray())
            cells["S:" + (int)school!["urn"]!] = school["measures"]!.AsObject();
        return cells;
    }
}
