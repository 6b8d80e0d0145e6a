using System.Collections.Concurrent;

namespace AttendanceGraph.Api.Data;

/// <summary>
/// Results computed on one snapshot, by key. A published snapshot never changes, so a result stays correct for as long
/// as that snapshot is served; entries of an older snapshot are dropped when a newer one is asked for, and the entry
/// count is bounded (cleared when full). Concurrent requests for one key compute it once; a failed or cancelled
/// computation is not remembered. The caches of measures and of pupil-level rows are both this.
/// </summary>
public sealed class SnapshotMemo<T>(int capacity)
{
    private readonly ConcurrentDictionary<string, Lazy<T>> entries = new();
    private string? snapshot;

    /// <summary>False when configured with no entries: every request is computed.</summary>
    public bool Enabled => capacity > 0;

    /// <summary>Results held for <paramref name="snapshotName"/> (0 once a newer snapshot has replaced it).</summary>
    public int EntriesFor(string snapshotName) => string.Equals(Volatile.Read(ref snapshot), snapshotName, StringComparison.Ordinal) ? entries.Count : 0;

    /// <summary>Whether <paramref name="key"/>'s result for <paramref name="snapshotName"/> is held (it may still be computing).</summary>
    public bool Holds(string snapshotName, string key) =>
        capacity > 0 && string.Equals(Volatile.Read(ref snapshot), snapshotName, StringComparison.Ordinal) && entries.ContainsKey(snapshotName + "|" + key);

    public T GetOrRun(string snapshotName, string key, Func<T> run)
    {
        if (capacity <= 0) return run();

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
        var entry = snapshotName + "|" + key;
        var lazy = entries.GetOrAdd(entry, _ => new Lazy<T>(run, LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            entries.TryRemove(entry, out _);
            throw;
        }
    }
}
