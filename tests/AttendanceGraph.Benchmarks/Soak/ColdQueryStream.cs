using AttendanceGraph.Benchmarks.Api;

namespace AttendanceGraph.Benchmarks.Soak;

/// <summary>
/// One dashboard query asked over and over with a different period, cohort and school each time (the cold section):
/// named periods of the benchmark year (year, terms, half terms, months, weeks), or day ranges between school days.
/// Thread-safe and seeded, so two runs ask the same sequence.
/// </summary>
public sealed class ColdQueryStream(string query, bool dayRanges, IReadOnlyList<int> urns, IReadOnlyList<string> cohorts, int seed)
{
    private readonly Random random = new(seed);
    private readonly IReadOnlyList<SoakPeriod> named = SoakPeriod.Named().Values.SelectMany(p => p).ToList();
    private readonly Lock gate = new();

    public DashboardQuery Next()
    {
        lock (gate)
        {
            var period = dayRanges ? SoakPeriod.RandomRange(random) : named[random.Next(named.Count)];
            var cohort = random.Next(2) == 0 ? DashboardQuery.AllPupils : cohorts[random.Next(cohorts.Count)];
            var urn = urns[random.Next(urns.Count)];
            return query switch
            {
                "schools list" => DashboardQuery.SchoolsList(period.Input, cohort),
                "LA weekly trend" => DashboardQuery.LaWeeklyTrend(period.Input, cohort),
                "school cohorts" => DashboardQuery.SchoolCohorts(urn, period.Input),
                _ => DashboardQuery.SchoolBenchmark(urn, period.Input, cohort),
            };
        }
    }
}
