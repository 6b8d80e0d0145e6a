namespace AttendanceGraph.Schema.Warehouse;

/// <summary>
/// Files a writer leaves only when it dies mid-step: a building-* snapshot (as big as the warehouse, so it can keep a
/// disk full) and a CURRENT.tmp-* pointer. Only the holder of the writer lock calls this, and the lock admits one
/// writer, so every such file belongs to a process that is gone.
/// </summary>
public static class WarehouseLeftovers
{
    public const string BuildingPrefix = "building-";

    public static IReadOnlyList<string> Remove(WarehousePaths paths)
    {
        var leftovers = new List<string>();
        if (Directory.Exists(paths.SnapshotsDir)) leftovers.AddRange(Directory.GetFiles(paths.SnapshotsDir, BuildingPrefix + "*"));
        if (Directory.Exists(paths.Root)) leftovers.AddRange(Directory.GetFiles(paths.Root, SnapshotPointer.TempPrefix + "*"));
        foreach (var f in leftovers) TryDelete(f);
        return leftovers.Select(f => Path.GetFileName(f)).ToList();
    }

    public static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
