using AttendanceGraph.Benchmarks.Api;
using AttendanceGraph.Benchmarks.Data;
using AttendanceGraph.Benchmarks.Reporting;

namespace AttendanceGraph.Benchmarks.Sections;

/// <summary>The four dashboard queries over real HTTP on loopback against the API in a child process, at 1, 8 and 32 clients.</summary>
public sealed class ApiSection : ISection
{
    public string Name => "api";

    private const int WarmUpRequests = 3;

    public void Run(BenchmarkContext context, SectionReport report)
    {
        var dataset = context.MainDataset();
        var paths = context.Cache.Warehouse(dataset);
        var schools = WarehouseSchools.Read(paths);
        report.DataDescription = dataset.Describe() + $"; per-school queries ask about URN {schools.ProbeUrn} ({schools.ProbePhase}, the largest roll)";
        var queries = DashboardQuery.All(BenchmarkCalendar.YearLabel, schools.ProbeUrn);
        using var server = ApiServer.Start(context.Api(), paths.Root, TimeSpan.FromSeconds(120));
        using var driver = new LoadDriver(server);
        // The first request of each query on a fresh server computes it on the warehouse; repeats on the same
        // (immutable) snapshot are answered from the API's result cache. Both are reported.
        var cold = report.Table("First request of each query on a fresh API (result cache empty)", "query", "ms", "ok");
        foreach (var q in queries)
        {
            var (ok, ms, error) = driver.SendAsync(q).GetAwaiter().GetResult();
            cold.Add(q.Name, ms, ok ? "yes" : error ?? "no");
            report.Figures[$"cold_{q.Name}_ms"] = ms;
        }
        driver.WarmUp(queries, WarmUpRequests);

        var o = context.Options;
        var runs = new List<LatencyRun>();
        var t = report.Table($"API over HTTP, result cache on (repeats are cache hits): {o.Requests} requests per query per level (time budget {o.LevelTimeBudget.TotalSeconds:N0} s per level)",
            "query", "clients", "requests", "p50 ms", "p95 ms", "p99 ms", "req/s", "errors", "target", "met");
        foreach (var clients in o.Concurrency)
            foreach (var q in queries)
            {
                var run = driver.Run(q, clients, o.Requests, o.LevelTimeBudget);
                runs.Add(run);
                var target = clients == 8 ? "p95 < 50 ms, 0 errors" : "0 errors";
                var met = run.Errors == 0 && (clients != 8 || run.LatencyMs.P95 < 50);
                t.Add(q.Name, clients, run.Requests, run.LatencyMs.P50, run.LatencyMs.P95, run.LatencyMs.P99, run.RequestsPerSecond, run.Errors, target, LoadSection.Met(met));
                Console.Error.WriteLine($"[api] {q.Name} × {clients}: p95 {run.LatencyMs.P95:N1} ms, {run.RequestsPerSecond:N0} req/s, {run.Errors} errors");
                if (run.Requests < o.Requests) report.Notes.Add($"{q.Name} at {clients} clients stopped at the time budget after {run.Requests} of {o.Requests} requests.");
                if (run.FirstError is not null) report.Notes.Add($"{q.Name} at {clients} clients, first error: {run.FirstError}");
            }
        report.Figures["dataset"] = dataset.ToJson();
        report.Figures["probeUrn"] = schools.ProbeUrn;
        report.Figures["runs"] = runs.Select(r => r.ToJson()).ToList();
        report.Figures["apiPeakRssKiB"] = server.PeakRssKiB;
        report.Notes.Add($"API peak RSS after the section: {(server.PeakRssKiB ?? 0) / 1024.0:N0} MiB. Each query was sent once cold and {WarmUpRequests} more times to warm up before the levels (not counted). The overhead and scale sections measure with the result cache off.");
        var errors = runs.Sum(r => r.Errors);
        if (errors > 0) report.Status = $"errors: {errors}";
    }
}
