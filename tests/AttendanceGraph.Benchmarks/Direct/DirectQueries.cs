using AttendanceGraph.Benchmarks.Data;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Cohorts;
using AttendanceGraph.Schema.Measures;
using DuckDB.NET.Data;

namespace AttendanceGraph.Benchmarks.Direct;

/// <summary>
/// The measure queries the API runs for each dashboard query, issued straight through <see cref="MeasureQuery.RunTogether"/>
/// as the API reads them (one dashboard query may need several: the cohort view asks for cohorts and for the rest; the
/// benchmark for the phase's schools and the phase as a whole; each pair is read together).
/// </summary>
public static class DirectQueries
{
    public static IReadOnlyList<(string Name, MeasureRequest[] Requests)> All(WarehouseSchools schools)
    {
        var year = Period.Year(BenchmarkCalendar.Year);
        var all = new MeasureRequest(year);
        var cohorts = all with { Cohorts = ReportingCohort.All.Select(k => k.Key).ToList(), Urns = [schools.ProbeUrn], GroupBy = MeasureGrouping.School };
        var phase = all with { Phase = schools.ProbePhase };
        return
        [
            ("schools list", [all with { Urns = schools.All.Select(s => s.Urn).ToList(), GroupBy = MeasureGrouping.School }]),
            ("LA weekly trend", [all with { Grain = TimeGrain.Week }]),
            ("school cohorts", [cohorts with { Population = Population.Cohort }, cohorts with { Population = Population.RestOfPupils }]),
            ("school benchmark", [phase with { GroupBy = MeasureGrouping.School }, phase]),
        ];
    }

    public static int Run(DuckDBConnection connection, MeasureRequest[] requests) => MeasureQuery.RunTogether(connection, requests).Sum(rows => rows.Count);
}
