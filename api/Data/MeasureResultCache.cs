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
    private readonly SnapshotMemo<IReadOnlyList<MeasureRow>> memo = new(capacity);

    /// <summary>False when configured with no entries (Warehouse:ResultCacheEntries = 0, e.g. to measure query cost): every request is computed.</summary>
    public bool Enabled => memo.Enabled;

    /// <summary>Results held for <paramref name="snapshotName"/> (0 once a newer snapshot has replaced it).</summary>
    public int EntriesFor(string snapshotName) => memo.EntriesFor(snapshotName);

    /// <summary>Whether the request's result for the snapshot is held, so reading it again would cost no query.</summary>
    public bool Holds(string snapshotName, MeasureRequest request) => memo.Holds(snapshotName, request.ResultKey);

    public IReadOnlyList<MeasureRow> GetOrRun(string snapshotName, MeasureRequest request, Func<IReadOnlyList<MeasureRow>> run) =>
        memo.GetOrRun(snapshotName, request.ResultKey, run);
}
