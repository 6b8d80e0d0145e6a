using AttendanceGraph.Benchmarks.Api;

namespace AttendanceGraph.Benchmarks.Soak;

/// <summary>
/// The soak's stream of dashboard requests: one of the four dashboard queries, a period of a random kind (academic
/// year, term, half term, month, week or day range — equally likely), a cohort (all pupils half the time, else one
/// of the API's cohorts) and a school, each combination issued at most once on one snapshot. The API's result cache is
/// keyed by snapshot and request, so a request it has never seen on the snapshot it serves cannot be answered from it.
/// A new snapshot (<see cref="NewSnapshot"/>) starts with an empty cache, so the mix starts afresh: kept for the whole
/// run, the named periods ran out and day ranges grew from about a quarter of the requests to half by the tenth minute,
/// so later minutes measured a different mix, not a slower API.
/// Thread-safe; seeded, so two runs send the same sequence (given the same load times).
/// </summary>
public sealed class SoakQueryMix(IReadOnlyList<int> urns, IReadOnlyList<string> cohorts, int seed = 16)
{
    private const int DrawsBeforeDayRange = 20;
    private readonly Random random = new(seed);
    private readonly HashSet<string> issued = [];
    private int issuedOnEarlierSnapshots;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<SoakPeriod>> named = SoakPeriod.Named();
    private readonly Lock gate = new();

    /// <summary>Requests issued in the run, each one new to the snapshot it was asked of.</summary>
    public int Issued
    {
        get { lock (gate) return issuedOnEarlierSnapshots + issued.Count; }
    }

    /// <summary>The API now serves a newer snapshot (the canary saw a load's figure): nothing asked before is in its cache.</summary>
    public void NewSnapshot()
    {
        lock (gate)
        {
            issuedOnEarlierSnapshots += issued.Count;
            issued.Clear();
        }
    }

    public (DashboardQuery Query, string PeriodKind) Next()
    {
        lock (gate)
        {
            for (var draw = 0; ; draw++)
            {
                var kind = random.Next(named.Count + 1);
                var period = kind == named.Count || draw >= DrawsBeforeDayRange
                    ? SoakPeriod.RandomRange(random)
                    : named.ElementAt(kind).Value[random.Next(named.ElementAt(kind).Value.Count)];
                var cohort = random.Next(2) == 0 ? DashboardQuery.AllPupils : cohorts[random.Next(cohorts.Count)];
                var urn = urns[random.Next(urns.Count)];
                var query = random.Next(4) switch
                {
                    0 => DashboardQuery.SchoolsList(period.Input, cohort),
                    1 => DashboardQuery.LaWeeklyTrend(period.Input, cohort),
                    2 => DashboardQuery.SchoolCohorts(urn, period.Input),
                    _ => DashboardQuery.SchoolBenchmark(urn, period.Input, cohort),
                };
                // Only what the query uses is part of its identity (cohorts breaks down by every cohort itself; the
                // LA-wide queries have no school).
                var key = query.Name switch
                {
                    "school cohorts" => $"{query.Name}|{period.Key}|{urn}",
                    "school benchmark" => $"{query.Name}|{period.Key}|{cohort}|{urn}",
                    _ => $"{query.Name}|{period.Key}|{cohort}",
                };
                if (issued.Add(key)) return (query, period.Kind);
            }
        }
    }
}
