namespace AttendanceGraph.Schema.Warehouse;

/// <summary>
/// The warehouse folder: immutable DuckDB snapshots, a pointer naming the current one, the operational
/// SQLite store and the writers' lock. DuckDB lets one read-write process exclude every other process, so the
/// ETL never writes the file the API reads: it writes a new snapshot and switches the pointer atomically.
/// </summary>
public sealed class WarehousePaths
{
    public const string EnvironmentVariable = "ATTENDANCEGRAPH_DATA";

    public WarehousePaths(string root)
    {
        Root = Path.GetFullPath(root);
    }

    /// <summary>--warehouse, else ATTENDANCEGRAPH_DATA, else ./data under the working directory.</summary>
    public static WarehousePaths Resolve(string? explicitRoot = null)
    {
        var root = explicitRoot;
        if (string.IsNullOrEmpty(root)) root = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrEmpty(root)) root = Path.Combine(Directory.GetCurrentDirectory(), "data");
        return new WarehousePaths(root);
    }

    public string Root { get; }
    public string SnapshotsDir => Path.Combine(Root, "snapshots");
    public string CurrentPointer => Path.Combine(Root, "CURRENT");
    public string OperationalStore => Path.Combine(Root, "operational.sqlite");
    public string WriterLock => Path.Combine(Root, "etl.lock");
    public string RejectsDir => Path.Combine(Root, "rejects");

    public string SnapshotPath(string name) => Path.Combine(SnapshotsDir, name);

    /// <summary>The published snapshots' names, oldest first (building-* files are not published).</summary>
    public IReadOnlyList<string> PublishedSnapshots() => Directory.Exists(SnapshotsDir)
        ? Directory.GetFiles(SnapshotsDir, SnapshotName.Pattern).Select(f => Path.GetFileName(f)).Where(SnapshotName.IsValid)
            .OrderBy(n => SnapshotName.Number(n)).ToList()
        : [];

    public void EnsureCreated()
    {
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(SnapshotsDir);
    }
}
