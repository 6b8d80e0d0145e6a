using AttendanceGraph.Benchmarks.Api;
using AttendanceGraph.Benchmarks.Data;
using AttendanceGraph.Benchmarks.Measurement;
using AttendanceGraph.Benchmarks.Reporting;

namespace AttendanceGraph.Benchmarks.Sections;

/// <summary>Load time and the four queries' p95 (1 client) at ¼, ½, 1 and 2 × the chosen size.</summary>
public sealed class ScaleSection : ISection
{
    public string Name => "scale";

    public void Run(BenchmarkContext context, SectionReport report)
    {
        var o = context.Options;
        var rows = new List<object>();
        var headers = new List<string> { "× size", "pupils", "schools", "marks", "ETL load s (median)", "ETL rows/s", "peak RSS MiB (max)" };
        var queryNames = DashboardQuery.All(BenchmarkCalendar.YearLabel, 0).Select(q => q.Name).ToList();
        headers.AddRange(queryNames.Select(n => $"{n} p95 ms"));
        var t = report.Table($"Scale: {o.Runs} load run(s) and {o.Requests} requests per query (1 client) per size", headers.ToArray());
        var described = new List<string>();
        foreach (var m in o.ScaleMultiples)
        {
            var pupils = Math.Max(30, (int)Math.Round(o.Pupils * m));
            var schoolCount = Math.Max(3, (int)Math.Round(o.Schools * m));
            try
            {
                var dataset = context.Cache.Get(pupils, schoolCount, o.Years);
                described.Add($"{m}×: {dataset.Describe()}");
                var loads = new List<ChildLoadResult>();
                for (var r = 0; r < o.Runs; r++)
                {
                    var scratch = context.Cache.Scratch(dataset, $"scale-{r}");
                    try { loads.Add(ChildLoadRunner.Run(Path.Combine(scratch, "warehouse"), [dataset.InputDir], TimeSpan.FromMinutes(30))); }
                    finally { Directory.Delete(scratch, recursive: true); }
                }
                var paths = context.Cache.Warehouse(dataset);
                var schools = WarehouseSchools.Read(paths);
                var queries = DashboardQuery.All(BenchmarkCalendar.YearLabel, schools.ProbeUrn);
                using var server = ApiServer.Start(paths.Root, TimeSpan.FromSeconds(120), resultCache: false); // growth of the real query cost, not cache hits
                using var driver = new LoadDriver(server);
                driver.WarmUp(queries, 3);
                var latencies = queries.Select(q => driver.Run(q, 1, o.Requests, o.LevelTimeBudget)).ToList();
                var loadSeconds = Summary.Of(loads.Select(l => l.ElapsedMs / 1000));
                var cells = new List<object?> { m, dataset.Pupils, dataset.Schools, dataset.Marks, loadSeconds.Median,
                    Summary.Of(loads.Select(l => l.RowsPerSecond)).Median, loads.Max(l => l.PeakRssKiB) / 1024.0 };
                cells.AddRange(latencies.Select(l => (object?)(l.Errors > 0 ? $"{MarkdownTable.Format(l.LatencyMs.P95)} ({l.Errors} errors)" : l.LatencyMs.P95)));
                t.Add(cells.ToArray());
                rows.Add(new
                {
                    multiple = m, dataset = dataset.ToJson(), loadSeconds = loadSeconds.ToJson(),
                    peakRssKiB = loads.Max(l => l.PeakRssKiB), queries = latencies.Select(l => l.ToJson()).ToList(),
                });
                Console.Error.WriteLine($"[scale] {m}×: load {loadSeconds.Median:N1} s, p95 {string.Join(", ", latencies.Select(l => l.LatencyMs.P95.ToString("N1")))} ms");
            }
            catch (Exception e)
            {
                var cells = new List<object?> { m, pupils, schoolCount, $"failed: {e.GetType().Name}: {e.Message}" };
                while (cells.Count < headers.Count) cells.Add(null);
                t.Add(cells.ToArray());
                rows.Add(new { multiple = m, error = e.ToString() });
                report.Status = "partial";
                report.FailsRun = true; // a size that cannot load or answer is a failure, in --smoke too (CI must not stay green)
            }
        }
        report.DataDescription = string.Join("; ", described);
        report.Figures["sizes"] = rows;
    }
}
