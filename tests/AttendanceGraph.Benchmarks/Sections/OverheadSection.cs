using System.Diagnostics;
using AttendanceGraph.Benchmarks.Api;
using AttendanceGraph.Benchmarks.Data;
using AttendanceGraph.Benchmarks.Direct;
using AttendanceGraph.Benchmarks.Measurement;
using AttendanceGraph.Benchmarks.Reporting;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Benchmarks.Sections;

/// <summary>
/// What the API adds: each dashboard query's measure SQL run directly (MeasureQuery.Run on a read-only connection)
/// against the same query through GraphQL over HTTP at one client, interleaved request by request so both see the
/// same machine state.
/// </summary>
public sealed class OverheadSection : ISection
{
    public string Name => "overhead";

    public void Run(BenchmarkContext context, SectionReport report)
    {
        var dataset = context.MainDataset();
        var paths = context.Cache.Warehouse(dataset);
        var schools = WarehouseSchools.Read(paths);
        report.DataDescription = dataset.Describe() + $"; per-school queries ask about URN {schools.ProbeUrn}";
        var api = DashboardQuery.All(BenchmarkCalendar.YearLabel, schools.ProbeUrn);
        var direct = DirectQueries.All(schools);
        // The result cache would answer repeats without touching the warehouse: off, so this measures the API's real work.
        using var server = ApiServer.Start(context.Api(), paths.Root, TimeSpan.FromSeconds(120), resultCache: false);
        using var driver = new LoadDriver(server);
        using var connection = CurrentSnapshot.TryOpenReadOnly(paths, "2GB")!;
        driver.WarmUp(api, 3);
        foreach (var (_, requests) in direct) for (var i = 0; i < 3; i++) DirectQueries.Run(connection, requests);

        var n = context.Options.Requests;
        var t = report.Table($"API (1 client, HTTP) vs direct DuckDB (MeasureQuery.Run): {n} interleaved runs each",
            "query", "measure queries", "direct p50 ms", "direct p95 ms", "API p50 ms", "API p95 ms", "API / direct (p50)", "target", "met");
        var figures = new List<object>();
        for (var q = 0; q < api.Count; q++)
        {
            var directMs = new List<double>();
            var apiMs = new List<double>();
            var errors = 0;
            for (var i = 0; i < n; i++)
            {
                var clock = Stopwatch.StartNew();
                DirectQueries.Run(connection, direct[q].Requests);
                directMs.Add(clock.Elapsed.TotalMilliseconds);
                var (ok, ms, _) = driver.SendAsync(api[q]).GetAwaiter().GetResult();
                apiMs.Add(ms);
                if (!ok) errors++;
            }
            var d = Summary.Of(directMs);
            var a = Summary.Of(apiMs);
            var ratio = a.P50 / d.P50;
            t.Add(api[q].Name + (errors > 0 ? $" ({errors} API errors)" : ""), direct[q].Requests.Length, d.P50, d.P95, a.P50, a.P95, ratio, "≤ 1.2", LoadSection.Met(ratio <= 1.2 && errors == 0));
            figures.Add(new { query = api[q].Name, measureQueries = direct[q].Requests.Length, directMs = d.ToJson(), apiMs = a.ToJson(), apiOverDirect = ratio, apiErrors = errors });
        }
        report.Figures["dataset"] = dataset.ToJson();
        report.Figures["queries"] = figures;
        report.Notes.Add("Direct time is the benchmark process running the same MeasureRequests the API's resolvers build (read-only connection, memory_limit 2GB like the API); API time is the full HTTP round trip on loopback.");
    }
}
