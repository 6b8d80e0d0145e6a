using System.Collections;
using System.Diagnostics;

namespace AttendanceGraph.Tests.Operations;

/// <summary>
/// Where the in-memory exporter puts the spans it receives. The instrumentation listens process-wide, so other tests'
/// hosts export into it from their own threads while a test reads it: every read is of a copy taken under the lock
/// (a plain list threw "collection was modified" in CI when a span ended during a read).
/// </summary>
public sealed class ExportedSpans : ICollection<Activity>
{
    private readonly List<Activity> spans = [];
    private readonly Lock gate = new();

    public IReadOnlyList<Activity> Snapshot()
    {
        lock (gate) return spans.ToArray();
    }

    public void Add(Activity item)
    {
        lock (gate) spans.Add(item);
    }

    public void Clear()
    {
        lock (gate) spans.Clear();
    }

    public bool Contains(Activity item)
    {
        lock (gate) return spans.Contains(item);
    }

    public void CopyTo(Activity[] array, int arrayIndex)
    {
        lock (gate) spans.CopyTo(array, arrayIndex);
    }

    public bool Remove(Activity item)
    {
        lock (gate) return spans.Remove(item);
    }

    public int Count
    {
        get { lock (gate) return spans.Count; }
    }

    public bool IsReadOnly => false;

    public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
