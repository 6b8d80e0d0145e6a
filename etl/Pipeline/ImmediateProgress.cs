namespace AttendanceGraph.Etl.Pipeline;

/// <summary>
/// Reports on the calling thread, in order. <see cref="Progress{T}"/> posts each report to the thread pool,
/// which printed a load's steps out of order.
/// </summary>
public sealed class ImmediateProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly Lock gate = new();

    public void Report(T value)
    {
        lock (gate) report(value);
    }
}
