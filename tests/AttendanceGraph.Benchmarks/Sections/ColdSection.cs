using AttendanceGraph.Benchmarks.Api;
using AttendanceGraph.Benchmarks.Data;
using AttendanceGraph.Benchmarks.Reporting;
using AttendanceGraph.Benchmarks.Soak;

namespace AttendanceGraph.Benchmarks.Sections;

/// <summary>
/// The four dashboard queries with the API's result cache off, each request over a different period, cohort and school,
/// so every answer is computed from the warehouse (issue 15): p50/p95 at 1 and 8 clients, for the named periods a
/// dashboard offers and separately for day ranges that cut through weeks. Targets (38M-mark LA): p95 under 100 ms at
/// 1 client and under 250 ms at 8. Errors fail the run (in --smoke too); latency is judged at full size only.
/// </summary>
public sealed class ColdSection : ISection
{
    private static readonly int[] Clients = [1, 8];

    public string Name => "cold";

    public void Run(BenchmarkContext context, SectionReport report)
    {
        var o = context.Options;
        var dataset = context.MainDataset();
        var paths = context.Cache.Warehouse(dataset);
        var schools = WarehouseSchools.Read(paths);
        report.DataDescription = dataset.Describe();
        var urns = schools.All.Select(s => s.Urn).ToList();
        using var server = ApiServer.Start(context.Api(), paths.Root, TimeSpan.FromSeconds(120), resultCache: false);
        using var driver = new LoadDriver(server);
        var cohorts = SoakSection.Cohorts(driver);
        var names = DashboardQuery.All(BenchmarkCalendar.YearLabel, schools.ProbeUrn).Select(q => q.Name).ToList();
        driver.WarmUp(DashboardQuery.All(BenchmarkCalendar.YearLabel, schools.ProbeUrn), 1); // JIT and connections, not answers

        var t = report.Table($"Cold (result cache off; each request a new period, cohort and school): {o.Requests} requests per query, periods and clients",
            "query", "periods", "clients", "requests", "errors", "p50 ms", "p95 ms", "p99 ms", "target p95 ms", "met");
        var runs = new List<object>();
        var seed = 15;
        foreach (var name in names)
            foreach (var dayRanges in new[] { false, true })
                foreach (var clients in Clients)
                {
                    var stream = new ColdQueryStream(name, dayRanges, urns, cohorts, seed++);
                    var run = driver.Run(name, stream.Next, clients, o.Requests, o.LevelTimeBudget);
                    var target = clients == 1 ? 100 : 250;
                    var met = run.Errors == 0 && run.LatencyMs.P95 < target;
                    t.Add(name, dayRanges ? "day ranges" : "named", clients, run.Requests, run.Errors, run.LatencyMs.P50, run.LatencyMs.P95,
                        run.LatencyMs.P99, dayRanges ? "—" : $"< {target}", dayRanges ? "—" : o.Smoke ? "(smoke)" : LoadSection.Met(met));
                    runs.Add(new { periods = dayRanges ? "day ranges" : "named", run = run.ToJson() });
                    if (run.Errors > 0)
                    {
                        report.FailsRun = true;
                        report.Notes.Add($"{name} ({(dayRanges ? "day ranges" : "named")}, {clients} clients): {run.Errors} errors, first: {run.FirstError}");
                    }
                }
        report.Figures["dataset"] = dataset.ToJson();
        report.Figures["runs"] = runs;
        report.Notes.Add("Named periods are the benchmark year, its terms, half terms, months and weeks (answered from the school rollup); day ranges run between two random school days and are answered from the enrolment aggregates plus the edge days' marks. Cohort: all pupils half the time, else a random cohort; school: a random one.");
    }
}
