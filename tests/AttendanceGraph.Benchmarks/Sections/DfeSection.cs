using System.Diagnostics;
using AttendanceGraph.Benchmarks.Data;
using AttendanceGraph.Benchmarks.Measurement;
using AttendanceGraph.Benchmarks.Reporting;
using AttendanceGraph.Etl.Generate;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Benchmarks.Sections;

/// <summary>
/// Issue 12's speed target: a year of weekly DfE pupil-level files (the chosen LA's registers as DfE's session totals,
/// one file per school week) loaded with validation through the ETL's real pipeline (BatchLoader in a child process,
/// with the GIAS extract, into a fresh warehouse) against DuckDB's own CSV reader copying the same files into a plain
/// table in a fresh file, side by side in each run: rows/s and the ratio; the ETL's peak RSS; then the next weekly
/// file loaded into the warehouse that run produced.
/// </summary>
public sealed class DfeSection : ISection
{
    public string Name => "dfe";

    public void Run(BenchmarkContext context, SectionReport report)
    {
        var dataset = context.MainDataset();
        var files = DfeWeeklyFiles.For(dataset, new GeneratorOptions().LaCode);
        report.DataDescription = $"{dataset.Describe()}; {files.Describe()}";
        var timeout = TimeSpan.FromMinutes(30);
        var etl = new List<ChildLoadResult>();
        var copies = new List<double>();
        var ratios = new List<double>();
        var weekly = new List<ChildLoadResult>();
        for (var run = 0; run < context.Options.Runs; run++)
        {
            var scratch = context.Cache.Scratch(dataset, $"dfe-{run}");
            try
            {
                var warehouse = Path.Combine(scratch, "warehouse");
                var year = ChildLoadRunner.Run(warehouse, [files.Gias, files.YearDir], timeout);
                if (year.SessionTotals != files.YearRows)
                    throw new InvalidOperationException($"ETL loaded {year.SessionTotals:N0} DfE rows, the files hold {files.YearRows:N0}");
                etl.Add(year);
                var copyMs = CopyMilliseconds(files, Path.Combine(scratch, "copy.duckdb"));
                copies.Add(copyMs);
                ratios.Add(year.TotalsRowsPerSecond / (files.YearRows / (copyMs / 1000)));

                var next = ChildLoadRunner.Run(warehouse, [files.NextFile], timeout);
                if (next.SessionTotals != files.Next.Rows)
                    throw new InvalidOperationException($"the next week's load took {next.SessionTotals:N0} of {files.Next.Rows:N0} rows");
                weekly.Add(next);
                Console.Error.WriteLine($"[dfe] run {run + 1}: ETL {year.ElapsedMs / 1000:N1} s, DuckDB read_csv {copyMs / 1000:N1} s, " +
                    $"next week {next.ElapsedMs / 1000:N2} s, peak RSS {year.PeakRssKiB / 1024.0:N0} MiB");
            }
            finally
            {
                Directory.Delete(scratch, recursive: true);
            }
        }

        var side = EtlAgainstCopy.Of(etl, etl.Select(e => e.TotalsRowsPerSecond), copies, files.YearRows, ratios);
        var (ratio, rss) = (side.Ratio, side.PeakRssGiB);
        var weekSeconds = Summary.Of(weekly.Select(e => e.ElapsedMs / 1000));
        var weekWall = Summary.Of(weekly.Select(e => e.WallMs / 1000));
        var weekRss = Summary.Of(weekly.Select(e => e.PeakRssKiB / 1048576.0));

        var t = report.Table($"DfE weekly files: {files.Weeks.Count} weeks, {files.YearRows:N0} rows, {context.Options.Runs} run(s), medians with min–max",
            "measure", "median", "min", "max", "target", "met");
        side.AddTimes(t, "ETL, a year of weekly files (BatchLoader, validation included)", "DuckDB COPY of the same files into a plain table");
        t.Add("ratio ETL / COPY (per run, side by side)", ratio.Median, ratio.Min, ratio.Max, "≥ 1.0", LoadSection.Met(ratio.Median >= 1.0));
        t.Add("ETL peak RSS, GiB (VmHWM)", rss.Median, rss.Min, rss.Max, "< 1 GiB", LoadSection.Met(rss.Max < 1));
        t.Add($"next weekly file ({files.Next.Rows:N0} rows) into that warehouse, s", weekSeconds.Median, weekSeconds.Min, weekSeconds.Max, "< 3 s", LoadSection.Met(weekSeconds.Max < 3));
        t.Add("next weekly file, child process wall time incl. .NET start, s", weekWall.Median, weekWall.Min, weekWall.Max, null, null);
        t.Add("next weekly file, peak RSS, GiB", weekRss.Median, weekRss.Min, weekRss.Max, null, null);

        report.Figures["dataset"] = dataset.ToJson();
        report.Figures["dfeFiles"] = files.ToJson();
        side.AddFigures(report);
        report.Figures["nextWeekRows"] = files.Next.Rows;
        report.Figures["nextWeekSeconds"] = weekSeconds.ToJson();
        report.Figures["nextWeekWallSeconds"] = weekWall.ToJson();
        report.Figures["nextWeekPeakRssGiB"] = weekRss.ToJson();
        if (etl.Count > 0) report.Notes.Add($"Where the year's load went (run {etl.Count}): {string.Join("; ", etl[^1].Steps.Where(l => l.Contains(" s)")))}.");
        if (weekly.Count > 0) report.Notes.Add($"Where the next week's load went (run {weekly.Count}): {string.Join("; ", weekly[^1].Steps.Where(l => l.Contains(" s)")))}.");
        report.Figures["etlSteps"] = etl.Select(e => e.Steps).ToList();
        report.Figures["nextWeekSteps"] = weekly.Select(e => e.Steps).ToList();
        var defaults = new LoadOptions();
        report.Notes.Add($"The files are the generator's DfE pupil-level file for this LA's registers (characteristics included), one per `period_start`; the last week is held back as the next weekly file. Cached in {files.Folder}.");
        report.Notes.Add($"ETL runs `BatchLoader.Load` over the GIAS extract and the weekly files (LoadOptions defaults: {defaults.Threads} threads, {defaults.MemoryLimit} DuckDB memory limit) in a child `dotnet` process into a new warehouse; peak RSS is the child's VmHWM, which it reports at exit.");
        report.Notes.Add($"COPY uses the same DuckDB session settings (memory_limit {defaults.MemoryLimit}) with default threads: `COPY dfe FROM 'year/*.csv' (HEADER)` into a table of the files' columns (dates DATE, counts, URN and UKPRNs INTEGER, the rest VARCHAR) in a new file, then CHECKPOINT.");
    }

    private static readonly HashSet<string> DateColumns = new(["DOB", "admission_date", "leaving_date", "period_start", "period_end"], StringComparer.OrdinalIgnoreCase);

    private static string ColumnType(string column) =>
        DateColumns.Contains(column) ? "DATE"
        : column.EndsWith("_sessions", StringComparison.Ordinal) || column.EndsWith("_ukprn", StringComparison.Ordinal) || column == "unique_reference_number" ? "INTEGER"
        : "VARCHAR";

    /// <summary>DuckDB's own CSV reader over every weekly file (a glob) into a plain table typed from the header.</summary>
    private static double CopyMilliseconds(DfeWeeklyFiles files, string dbPath)
    {
        var header = File.ReadLines(files.YearFiles[0]).First().Split(',');
        var create = $"CREATE TABLE dfe({string.Join(", ", header.Select(h => $"\"{h}\" {ColumnType(h)}"))})";
        return DuckDbCopy.Milliseconds(dbPath, "dfe", create, Path.Combine(files.YearDir, "*.csv"), files.YearRows);
    }
}
