using AttendanceGraph.Benchmarks.Reporting;

namespace AttendanceGraph.Benchmarks.Measurement;

/// <summary>
/// The figures a load section reports side by side, run by run: the ETL's time and rows/s against DuckDB's COPY of the
/// same files, their ratio and the ETL's peak RSS. The caller adds the ratio's and the memory's rows with its own targets.
/// </summary>
public sealed record EtlAgainstCopy(Summary EtlSeconds, Summary EtlRate, Summary CopySeconds, Summary CopyRate, Summary Ratio, Summary PeakRssGiB)
{
    /// <param name="etlRowsPerSecond">Each run's ETL rows/s, in the rows the section counts (marks, DfE rows).</param>
    public static EtlAgainstCopy Of(IReadOnlyList<ChildLoadResult> etl, IEnumerable<double> etlRowsPerSecond, IReadOnlyList<double> copyMs,
        long rows, IEnumerable<double> ratios) =>
        new(Summary.Of(etl.Select(e => e.ElapsedMs / 1000)), Summary.Of(etlRowsPerSecond), Summary.Of(copyMs.Select(ms => ms / 1000)),
            Summary.Of(copyMs.Select(ms => rows / (ms / 1000))), Summary.Of(ratios), Summary.Of(etl.Select(e => e.PeakRssKiB / 1048576.0)));

    /// <summary>The four time and rate rows, after the caller's description of what the ETL and COPY read.</summary>
    public void AddTimes(MarkdownTable t, string etl, string copy)
    {
        t.Add($"{etl}, s", EtlSeconds.Median, EtlSeconds.Min, EtlSeconds.Max, null, null);
        t.Add("ETL rows/s", EtlRate.Median, EtlRate.Min, EtlRate.Max, null, null);
        t.Add($"{copy}, s", CopySeconds.Median, CopySeconds.Min, CopySeconds.Max, null, null);
        t.Add("DuckDB COPY rows/s", CopyRate.Median, CopyRate.Min, CopyRate.Max, null, null);
    }

    public void AddFigures(SectionReport report)
    {
        report.Figures["etlSeconds"] = EtlSeconds.ToJson();
        report.Figures["etlRowsPerSecond"] = EtlRate.ToJson();
        report.Figures["copySeconds"] = CopySeconds.ToJson();
        report.Figures["copyRowsPerSecond"] = CopyRate.ToJson();
        report.Figures["etlOverCopy"] = Ratio.ToJson();
        report.Figures["etlPeakRssGiB"] = PeakRssGiB.ToJson();
    }
}
