using System.Text.Json;

namespace AttendanceGraph.Benchmarks.Api;

/// <summary>One of the four dashboard queries as a ready-to-post JSON body.</summary>
public sealed record DashboardQuery(string Name, string Query, object Variables)
{
    public string Body => JsonSerializer.Serialize(new { query = Query, variables = Variables });

    public static IReadOnlyList<DashboardQuery> All(string yearLabel, int urn) =>
    [
        new("schools list", """
            query($p: PeriodInput) { schools(period: $p, orderBy: OVERALL_ABSENCE_RATE, first: 20) {
              nodes { urn name measures(period: $p) { overallAbsenceRate persistentAbsenceRate } } } }
            """, new { p = new { academicYear = yearLabel } }),
        new("LA weekly trend", """
            query($p: PeriodInput) { localAuthority { trend(grain: WEEK, period: $p) { period { start } measures { overallAbsenceRate } } } }
            """, new { p = new { academicYear = yearLabel } }),
        new("school cohorts", """
            query($urn: Int!, $p: PeriodInput) { school(urn: $urn) { cohorts(period: $p) {
              cohort measures { overallAbsenceRate } rest { overallAbsenceRate } } } }
            """, new { urn, p = new { academicYear = yearLabel } }),
        new("school benchmark", """
            query($urn: Int!, $p: PeriodInput) { school(urn: $urn) { benchmark(period: $p) { peers { measure rank quartile } } } }
            """, new { urn, p = new { academicYear = yearLabel } }),
    ];
}
