using System.Collections.Concurrent;
using AttendanceGraph.Schema.Measures;

namespace AttendanceGraph.Api.Data;

/// <summary>
/// Measure results keyed by snapshot and request. A published snapshot never changes, so a result computed on
/// it stays correct for as long as that snapshot is served: dashboards asking the same question (the LA's
/// weekly trend, a phase's peers) pay for the query once per snapshot. Entries for older snapshots are dropped
/// when a new one appears; the entry count is bounded.
/// </summary>
public sealed class MeasureResultCache(int capacity = 4096)
{
    private readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<MeasureRow>>> entries = new();
    private string? snapshot;

    /// <summary>False when configured with no entries (Warehouse:ResultCacheEntries = 0): every request is computed.</summary>
    public bool Enabled => capacity > 0;

    /// <summary>Results held for <paramref name="snapshotName"/> (0 once a newer snapshot has replaced it).</summary>
    public int EntriesFor(string snapshotName) => string.Equals(Volatile.Read(ref snapshot), snapshotName, StringComparison.Ordinal) ? entries.Count : 0;

    public IReadOnlyList<MeasureRow> GetOrRun(string snapshotName, MeasureRequest request, Func<IReadOnlyList<MeasureRow>> run)
    {
        if (capacity <= 0) return run(); // disabled (Warehouse:ResultCacheEntries = 0), e.g. to measure query cost

        if (!string.Equals(Volatile.Read(ref snapshot), snapshotName, StringComparison.Ordinal))
        {
            lock (entries)
            {
                if (snapshot != snapshotName)
                {
                    entries.Clear();
                    snapshot = snapshotName;
                }
            }
        }
        if (entries.Count >= capacity) entries.Clear();
        var key = snapshotName + "|" + request.ShapeKey + "|" + string.Join(',', (request.Urns ?? []).Order());
        var lazy = entries.GetOrAdd(key, _ => new Lazy<IReadOnlyList<MeasureRow>>(run, LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            entries.TryRemove(key, out _); // a failed or cancelled query must not be remembered
            throw;
        }
    }
}
