using System.Text.Json.Nodes;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Schema.Disclosure;
using AttendanceGraph.Tests.Api;
using Xunit.Abstractions;

namespace AttendanceGraph.Tests.Disclosure;

/// <summary>
/// The hand-checked LA is too small for any cell to publish session rates (every cell is under 10 enrolments), so the
/// session-figure rules are proved here over a generated LA of 24 schools: as bi-reader, over the LA, its phases and its
/// schools, for everyone and for cohorts, no session count is published, every published session rate is within the
/// noise's bound of the true rate, to one decimal place (null below 10 published enrolments), the identity solver pins
/// no enrolment count, and over one-day cells the rate-digit solver pins no absence of 1–5 sessions.
/// </summary>
public sealed class GeneratedLaSessionFigureTests(BatchingTests.GeneratedLa la, ITestOutputHelper output) : IClassFixture<BatchingTests.GeneratedLa>
{
    private const string Figures = "enrolments possibleSessions attendanceSessions overallAbsenceSessions authorisedAbsenceSessions unauthorisedAbsenceSessions attendanceRate overallAbsenceRate authorisedAbsenceRate unauthorisedAbsenceRate";

    private static string Document(string cohort, string period) => $$"""
        { localAuthority { measures(period: {{period}}, cohort: {{cohort}}) { {{Figures}} }
            byPhase(period: {{period}}, cohort: {{cohort}}) { phase measures { {{Figures}} } } }
          schools(first: 30, period: {{period}}, cohort: {{cohort}}) { nodes { urn measures(period: {{period}}, cohort: {{cohort}}) { {{Figures}} } } } }
        """;

    [Fact]
    public async Task BiReader_GetsNoSessionCount_AndSessionRatesTooNoisyToReadBack_SoNoSmallCountIsPinned()
    {
        using var factory = new ApiFactory(la.Paths.Root);
        var bi = ApiFactory.Token(Roles.BiReader);
        var (cells, withRates) = (0, 0);
        foreach (var cohort in new[] { "ALL_PUPILS", "FSM", "SEND", "LOOKED_AFTER" })
            foreach (var period in new[] { "{ academicYear: \"2025/26\" }", "{ academicYear: \"2025/26\", term: SPRING }", "{ weekStarting: \"2026-01-12\" }", "{ from: \"2026-01-13\", to: \"2026-01-13\" }" })
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
                    var possible = (long)t["possibleSessions"]!;
                    if (enrolments < CellKeyPerturbation.SessionThreshold)
                        Assert.Null(p["attendanceRate"]);
                    else
                    {
                        withRates++;
                        var overall = (double)p["overallAbsenceRate"]!;
                        var bound = SessionRateNoise.MaxPoints(enrolments) + 0.05 + 1e-9;
                        Assert.InRange(overall, 100.0 * (long)t["overallAbsenceSessions"]! / possible - bound, 100.0 * (long)t["overallAbsenceSessions"]! / possible + bound);
                        Assert.Equal(Math.Round(overall, 1), overall);
                        Assert.Equal(Math.Round(100 - overall, 4), (double?)p["attendanceRate"]);
                        if (period.Contains("from"))
                        {
                            var o = RateDigitSolver.OverallAbsence(new(enrolments, (double?)p["attendanceRate"], overall, (double?)p["authorisedAbsenceRate"],
                                (double?)p["unauthorisedAbsenceRate"]), 1, 2, _ => CellKeyPerturbation.RateDecimals, CellKeyPerturbation.RateDecimals,
                                ratesDerived: true, noisePoints: SessionRateNoise.MaxPoints(enrolments))!.Value;
                            Assert.InRange((long)t["overallAbsenceSessions"]!, o.Low, o.High);
                            Assert.False(o.Low == o.High && o.Low is >= 1 and <= 5, $"{key} {cohort} {period}: {o.Low} absent sessions read back from the rates");
                        }
                    }
                    var candidates = SessionIdentitySolver.Candidates(new(enrolments, null, null, null, null, null));
                    Assert.True(enrolments == 0 || candidates.Count >= 4, $"{key}: enrolments narrowed to {string.Join(",", candidates)}");
                }
            }
        output.WriteLine($"{cells} cells published to bi-reader, {withRates} with session rates");
        Assert.True(withRates > 100, $"only {withRates} cells published session rates: the test would prove nothing");
    }

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
