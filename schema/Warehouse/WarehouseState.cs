namespace AttendanceGraph.Schema.Warehouse;

public enum WarehouseCondition
{
    /// <summary>No snapshot and no CURRENT: nothing has ever been published here.</summary>
    Empty,

    /// <summary>CURRENT names a snapshot that exists and opens.</summary>
    Intact,

    /// <summary>Anything else: CURRENT empty, unreadable, garbage, dangling or naming a snapshot DuckDB cannot open, or snapshots without CURRENT.</summary>
    Damaged,
}

/// <summary>A published snapshot on disk and, when it cannot be served, why.</summary>
public sealed record SnapshotCheck(string Name, string? Problem)
{
    public bool Intact => Problem is null;
}

/// <summary>
/// The one decision, shared by the ETL and the API, of whether a warehouse folder is empty, intact or damaged. A folder
/// holding any snapshot is never empty, whatever CURRENT says: only an operator (etl recover) may pick which snapshot
/// a damaged warehouse continues from.
/// </summary>
public sealed record WarehouseState(string Root, WarehouseCondition Condition, string? Current, string? Problem, IReadOnlyList<SnapshotCheck> Snapshots)
{
    public IEnumerable<string> IntactSnapshots => Snapshots.Where(s => s.Intact).Select(s => s.Name);

    public static WarehouseState Inspect(WarehousePaths paths)
    {
        // Every snapshot is opened (a warehouse keeps three), so a damage report can say which ones can be recovered from.
        var snapshots = paths.PublishedSnapshots().Select(n => new SnapshotCheck(n, SnapshotProbe.Problem(paths, n))).ToList();
        var reading = SnapshotPointer.Read(paths);
        return reading switch
        {
            PointerReading.Absent when snapshots.Count == 0 => new(paths.Root, WarehouseCondition.Empty, null, null, snapshots),
            PointerReading.Absent => Damaged(paths, $"there is no CURRENT file but the folder holds {snapshots.Count} snapshot(s)", snapshots),
            PointerReading.Damaged d => Damaged(paths, d.Problem, snapshots),
            PointerReading.Names n => NamedSnapshot(paths, n.Snapshot, snapshots),
            _ => throw new InvalidOperationException("unknown pointer reading"),
        };
    }

    private static WarehouseState NamedSnapshot(WarehousePaths paths, string name, List<SnapshotCheck> snapshots)
    {
        var problem = snapshots.FirstOrDefault(s => s.Name == name)?.Problem ?? SnapshotProbe.Problem(paths, name);
        return problem is null
            ? new(paths.Root, WarehouseCondition.Intact, name, null, snapshots)
            : new(paths.Root, WarehouseCondition.Damaged, name, $"CURRENT names {name}, but {problem}", snapshots);
    }

    private static WarehouseState Damaged(WarehousePaths paths, string problem, List<SnapshotCheck> snapshots) =>
        new(paths.Root, WarehouseCondition.Damaged, null, problem, snapshots);
}
