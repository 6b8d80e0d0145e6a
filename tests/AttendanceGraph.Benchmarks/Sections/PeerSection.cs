using System.Diagnostics;
using AttendanceGraph.Benchmarks.Data;
using AttendanceGraph.Benchmarks.Direct;
using AttendanceGraph.Benchmarks.Measurement;
using AttendanceGraph.Benchmarks.Peer;
using AttendanceGraph.Benchmarks.Reporting;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Benchmarks.Sections;

/// <summary>
/// PostgreSQL 15 as the peer (only with --peer postgres): the same CSVs loaded by COPY, the four measures from raw
/// marks and from pupil × week pre-aggregates, side by side with the product (ETL and DuckDB COPY; MeasureQuery on
/// the warehouse) measured in the same section. If the peer cannot be started the section says why and the run goes on.
/// </summary>
public sealed class PeerSection : ISection
{
    public string Name => "peer";

    private const int ProductWarmUp = 20;
    private const int ProductSamples = 15;

    public void Run(BenchmarkContext context, SectionReport report)
    {
        if (context.Options.Peer != "postgres")
        {
            report.Status = "skipped";
            report.Message = "no peer requested (pass --peer postgres)";
            return;
        }
        var o = context.Options;
        var dataset = context.MainDataset();
        var paths = context.Cache.Warehouse(dataset);
        var schools = WarehouseSchools.Read(paths);
        report.DataDescription = dataset.Describe() + $"; per-school queries ask about URN {schools.ProbeUrn} ({schools.ProbePhase})";

        PostgresCluster cluster;
        try
        {
            PostgresCluster.EnsureInstalled(m => Console.Error.WriteLine($"[peer] {m}"));
            cluster = PostgresCluster.Start();
        }
        catch (Exception e)
        {
            report.Status = "unavailable";
            report.Message = $"PostgreSQL could not be started: {e.Message}";
            return;
        }
        using (cluster)
        {
            var psql = new Psql(cluster.Port);
            var sql = new PeerSql(dataset, schools.All, schools.ProbeUrn, schools.ProbePhase);
            var timeout = TimeSpan.FromHours(1);

            // Load: every step timed by psql; then the pre-aggregates.
            var loadSteps = new List<(string Step, double Ms)>();
            foreach (var (step, text) in sql.Load().Concat(sql.PreAggregate()))
            {
                var times = psql.TimedScript(text.Split(";\n").Where(s => s.Trim().Length > 0), timeout);
                loadSteps.Add((step, times.Sum()));
                Console.Error.WriteLine($"[peer] {step}: {times.Sum() / 1000:N1} s");
            }
            var pgCopyMarks = loadSteps.Single(s => s.Step == "COPY marks.csv").Ms / 1000;
            var pgLoadTotal = loadSteps.Take(sql.Load().Count).Sum(s => s.Ms) / 1000;
            var pgAggregates = loadSteps.Skip(sql.Load().Count).Sum(s => s.Ms) / 1000;
            var rows = long.Parse(psql.Scalar("SELECT count(*) FROM marks"));
            if (rows != dataset.Marks) throw new InvalidOperationException($"PostgreSQL loaded {rows:N0} marks, expected {dataset.Marks:N0}");

            // The product's load, measured here too so the ratios are side by side.
            var etl = new List<double>();
            var duck = new List<double>();
            for (var r = 0; r < o.Runs; r++)
            {
                var scratch = context.Cache.Scratch(dataset, $"peer-{r}");
                try
                {
                    etl.Add(ChildLoadRunner.Run(Path.Combine(scratch, "warehouse"), [dataset.InputDir], timeout).ElapsedMs / 1000);
                    duck.Add(LoadSection.CopyMilliseconds(dataset.MarksCsv, Path.Combine(scratch, "copy.duckdb"), dataset.Marks) / 1000);
                }
                finally { Directory.Delete(scratch, recursive: true); }
            }
            var etlS = Summary.Of(etl);
            var duckS = Summary.Of(duck);
            var lt = report.Table($"Peer load: {dataset.Marks:N0} marks (PostgreSQL {cluster.Version}, once; product {o.Runs} run(s), median)",
                "step", "seconds", "product ETL s ÷ this (> 1: the ETL is slower)");
            foreach (var (step, ms) in loadSteps) lt.Add($"PostgreSQL: {step}", ms / 1000, null);
            lt.Add("PostgreSQL: total load (tables, COPY, dimensions, indexes, ANALYZE)", pgLoadTotal, etlS.Median / pgLoadTotal);
            lt.Add("PostgreSQL: total load + pre-aggregates", pgLoadTotal + pgAggregates, etlS.Median / (pgLoadTotal + pgAggregates));
            lt.Add("PostgreSQL: COPY marks.csv alone", pgCopyMarks, etlS.Median / pgCopyMarks);
            lt.Add("DuckDB: COPY marks.csv into a plain table", duckS.Median, etlS.Median / duckS.Median);
            lt.Add("product: ETL full batch (validated, aggregates built, published)", etlS.Median, 1.0);

            // Queries: one warm-up then Runs timed executions each; the product's direct MeasureQuery in the same section.
            var n = Math.Max(3, o.Runs);
            var raw = sql.Queries(raw: true);
            var agg = sql.Queries(raw: false);
            var direct = DirectQueries.All(schools);
            using var duckdb = CurrentSnapshot.TryOpenReadOnly(paths, "2GB")!;
            var qt = report.Table($"Peer queries: median ms (min–max) of {n} warm runs for PostgreSQL, of {Math.Max(ProductSamples, n)} after {ProductWarmUp} warm-up runs for the product",
                "query", "PostgreSQL raw marks", "PostgreSQL pupil×week aggregate", "product (DuckDB, MeasureQuery)", "PG raw / product", "PG aggregate / product");
            var figures = new List<object>();
            for (var q = 0; q < raw.Count; q++)
            {
                var pgRaw = Summary.Of(psql.TimedScript(Enumerable.Repeat(raw[q].Sql, n + 1), timeout).Skip(1));
                var pgAgg = Summary.Of(psql.TimedScript(Enumerable.Repeat(agg[q].Sql, n + 1), timeout).Skip(1));
                // The product as a running API has it, its code past the JIT's first tier: one school's cohorts measured 87 ms,
                // then 11.3, 9.8, 9.0 in a fresh process, and 7.7-9 ms from about the fifth run. More samples, as they cost little.
                for (var w = 0; w < ProductWarmUp; w++) DirectQueries.Run(duckdb, direct[q].Requests);
                var product = Summary.Of(Enumerable.Range(0, Math.Max(ProductSamples, n)).Select(_ =>
                {
                    var clock = Stopwatch.StartNew();
                    DirectQueries.Run(duckdb, direct[q].Requests);
                    return clock.Elapsed.TotalMilliseconds;
                }));
                qt.Add(raw[q].Name, Range(pgRaw), Range(pgAgg), Range(product), pgRaw.Median / product.Median, pgAgg.Median / product.Median);
                figures.Add(new { query = raw[q].Name, postgresRawMs = pgRaw.ToJson(), postgresAggregateMs = pgAgg.ToJson(), productMs = product.ToJson() });
                Console.Error.WriteLine($"[peer] {raw[q].Name}: PG raw {pgRaw.Median:N1} ms, PG agg {pgAgg.Median:N1} ms, product {product.Median:N1} ms");
            }

            // Cross-check that the peer computes the same numbers.
            var pgLa = psql.Scalar(PeerSql.LaCheck.Replace("\n", " "));
            var la = MeasureQuery.Run(duckdb, new MeasureRequest(Period.Year(BenchmarkCalendar.Year))).Single().Values;
            report.Notes.Add($"Cross-check, LA {BenchmarkCalendar.YearLabel} overall absence % | PA %: PostgreSQL {pgLa}; product {la.OverallAbsenceRate:0.0000}|{la.PersistentAbsenceRate:0.0000}.");
            report.Notes.Add($"PostgreSQL settings: {string.Join(", ", PostgresCluster.Settings)}; times are psql's \\timing (server round trip, results discarded). Indexes: marks(school_urn), memberships(upn), primary keys on dimensions, aggregates by urn.");
            report.Figures["postgresVersion"] = cluster.Version;
            report.Figures["loadSteps"] = loadSteps.Select(s => new { step = s.Step, seconds = s.Ms / 1000 }).ToList();
            report.Figures["postgresLoadSeconds"] = pgLoadTotal;
            report.Figures["postgresAggregateSeconds"] = pgAggregates;
            report.Figures["etlSeconds"] = etlS.ToJson();
            report.Figures["duckdbCopySeconds"] = duckS.ToJson();
            report.Figures["queries"] = figures;
            report.Figures["crossCheck"] = new { postgres = pgLa, productOverall = la.OverallAbsenceRate, productPersistent = la.PersistentAbsenceRate };
        }
    }

    private static string Range(Summary s) => $"{MarkdownTable.Format(s.Median)} ({MarkdownTable.Format(s.Min)}–{MarkdownTable.Format(s.Max)})";
}
