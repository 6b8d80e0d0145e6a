namespace AttendanceGraph.Benchmarks.Measurement;

/// <summary>One load in a child process: the loader's own time, the marks it loaded, its peak RSS (VmHWM at exit).</summary>
public sealed record ChildLoadResult(double ElapsedMs, long Marks, long PeakRssKiB, double WallMs)
{
    public double RowsPerSecond => Marks / (ElapsedMs / 1000);
}
