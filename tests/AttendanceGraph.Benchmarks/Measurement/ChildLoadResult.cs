namespace AttendanceGraph.Benchmarks.Measurement;

/// <summary>One load in a child process: the loader's own time, the marks it loaded, and peak RSS two ways.</summary>
public sealed record ChildLoadResult(double ElapsedMs, long Marks, long Rejected, long PeakRssKiBSelf, long PeakRssKiBPolled, double WallMs)
{
    public double RowsPerSecond => Marks / (ElapsedMs / 1000);
    public long PeakRssKiB => Math.Max(PeakRssKiBSelf, PeakRssKiBPolled);
}
