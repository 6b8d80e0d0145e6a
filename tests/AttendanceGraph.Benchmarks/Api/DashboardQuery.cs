using System.Text.Json;

namespace AttendanceGraph.Benchmarks.Api;

/// <summary>One of the four dashboard queries as a ready-to-post JSON body.</summary>
public sealed record DashboardQuery(string Name, string Query, object Variables)
{
    public const string AllPupils = "ALL_PUPILS";

    public string Body => JsonSerializer.Serialize(new { query = Query, variables = Variables });

    /// <summary>The four over one academic year for all pupils (api, overhead and scale sections).</summary>
    public static IReadOnlyList<DashboardQuery> All(string yearLabel, int urn)
    {
        var year = new { academicYear = yearLabel };
        return [SchoolsList(year, AllPupils), LaWeeklyTrend(year, AllPupils), SchoolCohorts(urn, year), SchoolBenchmark(urn, year, AllPupils)];
    }

    /// <param name="period">A <c>PeriodInput</c> object, serialised as the <c>$p</c> variable.</param>
    public static DashboardQuery SchoolsList(object period, string cohort) => new("schools list", """
        query($p: PeriodInput, $c: Cohort) { schools(period: $p, cohort: $c, orderBy: OVERALL_ABSENCE_RATE, first: 20) {
          nodes { urn name measures(period: $p, cohort: $c) { overallAbsenceRate persistentAbsenceRate } } } }
        """, new { p = period, c = cohort });

    public static DashboardQuery LaWeeklyTrend(object period, string cohort) => new("LA weekly trend", """
        query($p: PeriodInput, $c: Cohort) { localAuthority { trend(grain: WEEK, period: $p, cohort: $c) { period { start } measures { overallAbsenceRate } } } }
        """, new { p = period, c = cohort });

    /// <summary>Every cohort against the rest of the school's pupils (no cohort argument: it breaks down by all of them).</summary>
    public static DashboardQuery SchoolCohorts(int urn, object period) => new("school cohorts", """
        query($urn: Int!, $p: PeriodInput) { school(urn: $urn) { cohorts(period: $p) {
          cohort measures { overallAbsenceRate } rest { overallAbsenceRate } } } }
        """, new { urn, p = period });

    public static DashboardQuery SchoolBenchmark(int urn, object period, string cohort) => new("school benchmark", """
        query($urn: Int!, $p: PeriodInput, $c: Cohort) { school(urn: $urn) { benchmark(period: $p, cohort: $c) { peers { measure rank quartile } } } }
        """, new { urn, p = period, c = cohort });
}
