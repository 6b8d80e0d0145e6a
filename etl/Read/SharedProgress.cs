namespace AttendanceGraph.Etl.Read;

/// <summary>Marks read so far across all parser threads, reported to an optional IProgress.</summary>
internal sealed class SharedProgress(IProgress<long>? progress)
{
    private long total;

    public long Total => Interlocked.Read(ref total);

    public void Add(long n)
    {
        if (n == 0) return;
        var t = Interlocked.Add(ref total, n);
        progress?.Report(t);
    }
}
