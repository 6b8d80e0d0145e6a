using System.Diagnostics;
using AttendanceGraph.Benchmarks.Data;
using AttendanceGraph.Benchmarks.Measurement;
using AttendanceGraph.Benchmarks.Reporting;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Benchmarks.Sections;

/// <summary>
/// Full-batch ETL (BatchLoader in a child process, validation included) against DuckDB's own COPY of the same
/// marks.csv into a plain table in a fresh file, measured side by side in each run; the ETL's peak RSS; and a
/// one-day incremental load into the warehouse each full load produced.
/// </summary>
public sealed class LoadSection : ISection
{
    public string Name => "load";

    public void Run(BenchmarkContext context, SectionReport report)
    {
        var dataset = context.MainDataset();
        report.DataDescription = dataset.Describe();
        var timeout = TimeSpan.FromMinutes(30);
        var etl = new List<ChildLoadResult>();
        var copies = new List<double>();
        var incremental = new List<ChildLoadResult>();
        var ratios = new List<double>();
        long incrementalMarks = 0;
        for (var run = 0; run < context.Options.Runs; run++)
        {
            var scratch = context.Cache.Scratch(dataset, $"load-{run}");
            try
            {
                var full = ChildLoadRunner.Run(Path.Combine(scratch, "warehouse"), [dataset.InputDir], timeout);
                if (full.Marks != dataset.Marks) throw new InvalidOperationException($"ETL loaded {full.Marks:N0} marks, the generator wrote {dataset.Marks:N0}");
                etl.Add(full);
                var copyMs = CopyMilliseconds(dataset.MarksCsv, Path.Combine(scratch, "copy.duckdb"), dataset.Marks);
                copies.Add(copyMs);
                ratios.Add(full.RowsPerSecond / (dataset.Marks / (copyMs / 1000)));

                var (dayFolder, marks) = IncrementalDayWriter.Write(dataset, BenchmarkCalendar.IncrementalDay, Path.Combine(scratch, "next-day"));
                incrementalMarks = marks;
                var day = ChildLoadRunner.Run(Path.Combine(scratch, "warehouse"), [dayFolder], timeout);
                if (day.Marks != marks) throw new InvalidOperationException($"incremental load took {day.Marks:N0} of {marks:N0} marks");
                incremental.Add(day);
                Console.Error.WriteLine($"[load] run {run + 1}: ETL {full.ElapsedMs / 1000:N1} s, COPY {copyMs / 1000:N1} s, one day {day.ElapsedMs / 1000:N2} s, peak RSS {full.PeakRssKiB / 1024.0:N0} MiB");
            }
            finally
            {
                Directory.Delete(scratch, recursive: true);
            }
        }

        var side = EtlAgainstCopy.Of(etl, etl.Select(e => e.RowsPerSecond), copies, dataset.Marks, ratios);
        var (ratio, rss) = (side.Ratio, side.PeakRssGiB);
        var dayDuration = Summary.Of(incremental.Select(e => e.ElapsedMs / 1000));
        var dayWall = Summary.Of(incremental.Select(e => e.WallMs / 1000));

        var t = report.Table($"Load: {dataset.Marks:N0} marks, {context.Options.Runs} run(s), medians with min–max", "measure", "median", "min", "max", "target", "met");
        side.AddTimes(t, "ETL full batch (BatchLoader, validation included)", "DuckDB COPY of marks.csv into a plain table");
        t.Add("ratio ETL / COPY (per run, side by side)", ratio.Median, ratio.Min, ratio.Max, "≥ 1.0, never < 0.5",
            ratio.Median >= 1.0 && ratio.Min >= 0.5 ? Met(true) : ratio.Min >= 0.5 ? "floor only (< 1.0)" : Met(false));
        t.Add("ETL peak RSS, GiB (VmHWM)", rss.Median, rss.Min, rss.Max, "< 2 GiB", Met(rss.Max < 2));
        t.Add($"one-day incremental load ({incrementalMarks:N0} marks), s", dayDuration.Median, dayDuration.Min, dayDuration.Max, "< 5 s", Met(dayDuration.Max < 5));
        t.Add("one-day incremental, child process wall time incl. .NET start, s", dayWall.Median, dayWall.Min, dayWall.Max, null, null);

        report.Figures["dataset"] = dataset.ToJson();
        side.AddFigures(report);
        report.Figures["incrementalMarks"] = incrementalMarks;
        report.Figures["incrementalSeconds"] = dayDuration.ToJson();
        report.Figures["incrementalWallSeconds"] = dayWall.ToJson();
        if (etl.Count > 0) report.Notes.Add($"Where the full load went (run {etl.Count}): {string.Join("; ", etl[^1].Steps.Where(l => l.Contains(" s)")))}.");
        if (incremental.Count > 0) report.Notes.Add($"Where the one-day load went (run {incremental.Count}): {string.Join("; ", incremental[^1].Steps.Where(l => l.Contains(" s)")))}.");
        report.Figures["etlSteps"] = etl.Select(e => e.Steps).ToList();
        report.Figures["incrementalSteps"] = incremental.Select(e => e.Steps).ToList();
        var defaults = new LoadOptions();
        report.Notes.Add($"ETL runs `BatchLoader.Load` (LoadOptions defaults: {defaults.Threads} threads, {defaults.MemoryLimit} DuckDB memory limit) in a child `dotnet` process; peak RSS is the child's VmHWM, which it reports at exit.");
        report.Notes.Add($"COPY uses the same DuckDB session settings (memory_limit {defaults.MemoryLimit}) with default threads, into `CREATE TABLE marks(upn VARCHAR, school_urn INTEGER, date DATE, session VARCHAR, code VARCHAR)` in a new file, then CHECKPOINT.");
        report.Notes.Add($"Incremental: AM+PM marks for every enrolment on roll on {BenchmarkCalendar.IncrementalDay:yyyy-MM-dd} (the next school day), loaded as a second batch into the warehouse of the same run.");
    }

    public static double CopyMilliseconds(string csv, string dbPath, long expectedRows) =>
        DuckDbCopy.Milliseconds(dbPath, "marks", "CREATE TABLE marks(upn VARCHAR, school_urn INTEGER, date DATE, session VARCHAR, code VARCHAR)", csv, expectedRows);

    public static string Met(bool ok) => ok ? "yes" : "**no**";
}
