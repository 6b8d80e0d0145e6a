namespace AttendanceGraph.Benchmarks.Measurement;

/// <summary>
/// One load in a child process: the loader's own time, the marks it loaded, its peak RSS (VmHWM at exit), and the DfE
/// session-totals rows it loaded.
/// </summary>
public sealed record ChildLoadResult(double ElapsedMs, long Marks, long PeakRssKiB, double WallMs, long SessionTotals = 0)
{
    public double RowsPerSecond => Marks / (ElapsedMs / 1000);

    public double TotalsRowsPerSecond => SessionTotals / (ElapsedMs / 1000);

    /// <summary>The loader's step lines, each with its time, as `attendancegraph-etl load` prints them.</summary>
    public IReadOnlyList<string> Steps { get; init; } = [];
}
